import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const LOCALES = { en: { label: 'English', messages: en }, 'zh-CN': { label: '简体中文', messages: zhCN } } as const;
export type Locale = keyof typeof LOCALES;
export type { MessageKey };

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template: string = LOCALES[locale].messages[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The browser's preferred locale among ours: zh-CN for any Chinese, else English. */
export function preferredLocale(languages: readonly string[]): Locale {
  return languages.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}
