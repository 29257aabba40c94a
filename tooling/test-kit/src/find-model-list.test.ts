import { describe, expect, it } from 'vitest';
import { findModelList } from './find-model-list.ts';

describe('findModelList', () => {
  it('finds the list in any envelope', () => {
    expect(findModelList([1, 2])).toEqual([1, 2]);
    expect(findModelList({ data: [1, 2, 3] })).toEqual([1, 2, 3]);
    expect(findModelList({ data: { models: [1], tags: [] }, total: 1 })).toEqual([1]);
    expect(findModelList({ a: [1], b: { c: [1, 2, 3, 4] } })).toEqual([1, 2, 3, 4]);
  });

  it('returns undefined when there is no array', () => {
    expect(findModelList({ a: 1 })).toBeUndefined();
    expect(findModelList('x')).toBeUndefined();
  });
});
