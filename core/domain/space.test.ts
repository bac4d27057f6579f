import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adviceOpenings,
  ftsQuery,
  languageSuggestions,
  riskPhrases,
  SHIPPED_LANGUAGE,
} from './space';

const en = SHIPPED_LANGUAGE.en ?? [];
const suggested = (text: string) => languageSuggestions(text, en).map((s) => s.suggestion);

describe('language suggestions', () => {
  it.each([
    ['My brother is mentally ill.', 'a person with a mental health challenge'],
    ['Her father committed suicide in 2019.', 'died by suicide'],
    ['He was an addict for years', 'a person who uses drugs'],
    ['She suffers from anxiety', 'lives with'],
    ['MENTALLY  ILL people', 'a person with a mental health challenge'],
    ['my cousin, a schizophrenic, said', 'a person with schizophrenia'],
    ['he’s been confined to a wheelchair since', 'a wheelchair user'],
  ])('suggests for %j', (text, suggestion) => {
    expect(suggested(text)).toEqual([suggestion]);
  });

  it.each([
    'I am committed to my recovery.',
    'Addiction runs in my family.',
    'My psychologist is kind.',
    'I was diagnosed with schizophrenia last spring.',
    'She suffers no fools.',
    'We talked about illness and wellness.',
    'The wheelchair ramp is at the back.',
    'An addictive game, honestly.',
    'I feel ill, mentally and physically.',
    'Suicide prevention week starts Monday.',
  ])('stays quiet for %j', (text) => {
    expect(suggested(text)).toEqual([]);
  });

  it('says where each phrase is, keeps the longer of two that overlap, and forgets dismissed ones', () => {
    const text = 'About the mentally ill: my dad suffers from it.';
    const found = languageSuggestions(text, en);
    expect(found.map((s) => s.text)).toEqual(['the mentally ill', 'suffers from']);
    expect(text.slice(found[0]?.index)).toMatch(/^the mentally ill/);
    expect(languageSuggestions(text, en, new Set(['suffers from'])).map((s) => s.text)).toEqual([
      'the mentally ill',
    ]);
  });

  it('takes a group’s own additions', () => {
    const mine = [{ problem: ['frequent flyer'], suggestion: 'someone who comes often', why: 'x' }];
    expect(languageSuggestions('a frequent flyer at A&E', mine)).toHaveLength(1);
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        languageSuggestions(text, en);
        adviceOpenings(text);
        riskPhrases(text);
      }),
    );
  });
});

describe('advice openings', () => {
  it.each([
    'You should talk to your GP.',
    'I hear you. Have you tried a walk in the morning?',
    'why don’t you take a break',
    'Honestly, if I were you I would leave.',
  ])('flags %j', (text) => {
    expect(adviceOpenings(text)).toHaveLength(1);
  });

  it.each([
    'I know what you should feel is not what you do feel.',
    'That sounds so hard. I am thinking of you.',
    'Same here: the evenings are the worst.',
  ])('leaves %j alone', (text) => {
    expect(adviceOpenings(text)).toEqual([]);
  });
});

describe('risk phrases', () => {
  it.each([
    'I want to die.',
    'Some days I think everyone would be better off without me',
    'I have been suicidal this week',
    'I don’t want to be here anymore',
  ])('notices %j', (text) => {
    expect(riskPhrases(text).length).toBeGreaterThan(0);
  });

  it.each([
    'The film was killing me, it was so funny.',
    'At the end it all worked out.',
    'My aunt died by suicide and I miss her.',
    'I am dying to see you all on Tuesday.',
  ])('does not notice %j', (text) => {
    expect(riskPhrases(text)).toEqual([]);
  });
});

describe('search words', () => {
  it('quotes every word, so nothing typed is read as search syntax', () => {
    expect(ftsQuery('sleep "tips" OR NEAR(')).toBe('"sleep" "tips" "OR" "NEAR"*');
    expect(ftsQuery('  *** ')).toBeNull();
    expect(ftsQuery('café')).toBe('"café"*');
  });

  it('makes a query of only quoted words from any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const q = ftsQuery(text);
        if (q !== null) expect(q).toMatch(/^("[\p{L}\p{N}]+"\*? ?)+$/u);
      }),
    );
  });
});
