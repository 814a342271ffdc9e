/** The extension's own UI words, from `public/_locales`, in the browser's language. */
import { browser } from 'wxt/browser';
import type { Lang, Verdict } from '../knowledge/vocabulary';

export type MessageKey =
  | 'popupOnEverywhere'
  | 'popupOnThisSite'
  | 'popupClaimsHeading'
  | 'popupClaimCount'
  | 'popupNoClaims'
  | 'popupOffHere'
  | 'popupUnavailable'
  | 'popupLegendHeading'
  | 'popupCardLanguage'
  | 'popupCardLanguagePage'
  | 'popupAbout'
  | 'optionsTitle'
  | 'optionsIntro'
  | 'optionsPrivacyHeading'
  | 'optionsPrivacy'
  | 'optionsKnowledgeHeading'
  | 'optionsKnowledgeVersion'
  | 'optionsSourcesHeading'
  | VerdictMessageKey;

type VerdictMessageKey =
  | 'verdictEstablished'
  | 'verdictPlausibleLimited'
  | 'verdictMixed'
  | 'verdictNotSupported'
  | 'verdictMisleading';

export const VERDICT_MESSAGES: Record<Verdict, VerdictMessageKey> = {
  established: 'verdictEstablished',
  'plausible-limited': 'verdictPlausibleLimited',
  mixed: 'verdictMixed',
  'not-supported': 'verdictNotSupported',
  misleading: 'verdictMisleading',
};

export function t(key: MessageKey, ...substitutions: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The browser's UI language as one of Nuchter's languages (for texts from the knowledge file). */
export function uiLang(): Lang {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('nl') ? 'nl' : 'en';
}
