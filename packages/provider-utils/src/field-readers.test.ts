import { describe, expect, it } from 'vitest';
import { nonEmpty, parseModalities, parseModalityArrow, positiveInt, toIsoTimestamp } from './field-readers.ts';

describe('field readers', () => {
  it('positiveInt accepts positive integers and numeric strings only', () => {
    expect(positiveInt(8192)).toBe(8192);
    expect(positiveInt('128000')).toBe(128000);
    expect(positiveInt(0)).toBeUndefined();
    expect(positiveInt(-1)).toBeUndefined();
    expect(positiveInt(1.5)).toBeUndefined();
    expect(positiveInt('')).toBeUndefined();
    expect(positiveInt(null)).toBeUndefined();
  });

  it('nonEmpty trims and drops blanks', () => {
    expect(nonEmpty('  GPT-4o ')).toBe('GPT-4o');
    expect(nonEmpty('   ')).toBeUndefined();
    expect(nonEmpty(3)).toBeUndefined();
  });

  it('toIsoTimestamp reads unix seconds, milliseconds and date strings', () => {
    expect(toIsoTimestamp(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
    expect(toIsoTimestamp(1_700_000_000_000)).toBe('2023-11-14T22:13:20.000Z');
    expect(toIsoTimestamp('2024-10-22T00:00:00Z')).toBe('2024-10-22T00:00:00.000Z');
    expect(toIsoTimestamp('1700000000')).toBe('2023-11-14T22:13:20.000Z');
    expect(toIsoTimestamp('not a date')).toBeUndefined();
    expect(toIsoTimestamp(0)).toBeUndefined();
  });

  it('parseModalities maps synonyms and separators', () => {
    expect(parseModalities(['text', 'Image', 'pdf', 'smell'])).toEqual(['text', 'image', 'file']);
    expect(parseModalities('text,vision')).toEqual(['text', 'image']);
    expect(parseModalities('text+audio')).toEqual(['text', 'audio']);
    expect(parseModalities([])).toBeUndefined();
    expect(parseModalities(undefined)).toBeUndefined();
  });

  it('parseModalityArrow splits input and output', () => {
    expect(parseModalityArrow('text+image->text')).toEqual({ input: ['text', 'image'], output: ['text'] });
    expect(parseModalityArrow('text')).toEqual({});
  });
});
