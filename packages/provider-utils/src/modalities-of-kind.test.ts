import { describe, expect, it } from 'vitest';
import { modalitiesOfKind } from './modalities-of-kind.ts';

describe('modalitiesOfKind', () => {
  it('gives the least modalities of each kind', () => {
    expect(modalitiesOfKind('chat')).toEqual({ input: ['text'], output: ['text'] });
    expect(modalitiesOfKind('embedding')).toEqual({ input: ['text'], output: ['embedding'] });
    expect(modalitiesOfKind('image')).toEqual({ input: ['text'], output: ['image'] });
    expect(modalitiesOfKind('transcription')).toEqual({ input: ['audio'], output: ['text'] });
    expect(modalitiesOfKind('other')).toBeUndefined();
    expect(modalitiesOfKind(undefined)).toBeUndefined();
  });

  it('hands out fresh arrays', () => {
    const a = modalitiesOfKind('chat')!;
    a.input.push('image');
    expect(modalitiesOfKind('chat')!.input).toEqual(['text']);
  });
});
