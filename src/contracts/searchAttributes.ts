// Typed search attribute keys shared by workflows, the client and the dev server.
// Only @temporalio/common is imported so workflow code can use this file.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ZMIG_ZONE = defineSearchAttributeKey('ZmigZone', SearchAttributeType.KEYWORD);
export const ZMIG_PROCEDURE = defineSearchAttributeKey('ZmigProcedure', SearchAttributeType.KEYWORD);
/** Every host a run touches, whatever its role: `ZmigHosts = 'node1'` finds all runs on node1. */
export const ZMIG_HOSTS = defineSearchAttributeKey('ZmigHosts', SearchAttributeType.KEYWORD_LIST);
export const ZMIG_SOURCE_HOST = defineSearchAttributeKey('ZmigSourceHost', SearchAttributeType.KEYWORD);
export const ZMIG_TARGET_HOST = defineSearchAttributeKey('ZmigTargetHost', SearchAttributeType.KEYWORD);
export const ZMIG_PHASE = defineSearchAttributeKey('ZmigPhase', SearchAttributeType.KEYWORD);

export const ZMIG_SEARCH_ATTRIBUTE_KEYS = [
  ZMIG_ZONE,
  ZMIG_PROCEDURE,
  ZMIG_HOSTS,
  ZMIG_SOURCE_HOST,
  ZMIG_TARGET_HOST,
  ZMIG_PHASE,
] as const;

export const ZMIG_SEARCH_ATTRIBUTE_NAMES: readonly string[] = ZMIG_SEARCH_ATTRIBUTE_KEYS.map((key) => key.name);

/** Each attribute's type as `temporal server start-dev --search-attribute NAME=TYPE` spells it. */
export const ZMIG_SEARCH_ATTRIBUTE_TYPES: Readonly<Record<string, 'Keyword' | 'KeywordList'>> = Object.fromEntries(
  ZMIG_SEARCH_ATTRIBUTE_KEYS.map((key) => [
    key.name,
    key.type === SearchAttributeType.KEYWORD_LIST ? 'KeywordList' : 'Keyword',
  ]),
);
