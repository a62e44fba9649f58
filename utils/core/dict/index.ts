// The dictionary core: decode the compiled CC-CEDICT, look words up, format them. Pure.
export { Dict, dictFrom, decodeHeader, shardOf, DictFormatError, DictShardMissing, DICT_FORMAT, DICT_SHARDS, type DictHeader, type RawEntry } from './data';
export { formatPinyin, markSyllable, type PinyinOptions } from './pinyin';
export { formatDefinition, formatClassifiers, type DictScript } from './definitions';
export { lookup, lookupShards, isLookupText, longestWordLength, rawEntriesFor, subwordsOf, viewEntry, scriptOf, EMPTY_REPLY, MAX_LOOKUP_TEXT, type DictEntryView, type DictWordView, type DictLookupReply } from './lookup';
