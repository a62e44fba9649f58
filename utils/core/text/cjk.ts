// Character classes for Chinese text. Pure: no DOM.

export function isHanCode(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

export interface CjkStats {
  han: number;
  /** Letters and ideographs: what "text" means when we compute a share. Whitespace, digits, punctuation excluded. */
  letters: number;
  /** Japanese kana: Japanese pages share Han characters but are not ours. */
  kana: number;
}

/** Counts Han ideographs and letters in `text`, looking at no more than `limit` code units. */
export function cjkStats(text: string, limit = Infinity): CjkStats {
  let han = 0;
  let letters = 0;
  let kana = 0;
  const end = Math.min(text.length, limit);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isHanCode(c)) {
      han++;
      letters++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x52f)) {
      letters++;
    } else if (c >= 0x3040 && c <= 0x30ff) {
      kana++;
      letters++;
    } else if (c >= 0xac00 && c <= 0xd7af) {
      letters++;
    }
  }
  return { han, letters, kana };
}

// Frequent characters whose Simplified and Traditional forms differ. Enough to tell a page's script
// from a few hundred characters; rare characters add nothing to the vote.
// Pairs 'simplified+traditional'; characters used in both scripts (于/於, 范/範, 准/準…) are left out.
const PAIRS =
  '们們 这這 国國 会會 个個 为為 发發 说說 时時 对對 经經 过過 业業 开開 关關 与與 动動 现現 进進 体體 长長 实實 应應 学學 还還 务務 员員 东東 门門 问問 间間 报報 设設 级級 区區 县縣 乡鄉 规規 责責 农農 证證 机機 构構 书書 认認 议議 权權 条條 处處 审審 统統 计計 办辦 让讓 组組 织織 执執 围圍 单單 众眾 历歷 总總 导導 边邊 万萬 亿億 华華 见見 车車 产產 场場 样樣 电電 简簡 传傳 资資 质質 题題 观觀 点點 标標 龙龍 网網 听聽 写寫 双雙 陆陸 节節 营營 环環 损損 诉訴 讼訟 监監 决決 险險 续續 贷貸 联聯 领領 优優 调調 课課 协協 税稅 补補 专專 项項 验驗 创創 头頭 从從 们們 样樣 门門 达達 运運 际際 态態 节節 讲講 选選 军軍 广廣 厅廳 财財';

// Lookup by UTF-16 code unit: 1 = Simplified only, 2 = Traditional only. A typed array keeps the
// vote fast even before the JIT warms up, which is when content scripts run.
const SCRIPT_OF = new Uint8Array(0x10000);
for (const pair of PAIRS.split(' ')) {
  SCRIPT_OF[pair.charCodeAt(0)] = 1;
  SCRIPT_OF[pair.charCodeAt(1)] = 2;
}

export type Script = 'simplified' | 'traditional' | 'unknown';

export interface ScriptGuess {
  script: Script;
  simplified: number;
  traditional: number;
}

/** Guesses the script by voting over characters that exist in only one script. */
export function guessScript(text: string, limit = 8000): ScriptGuess {
  let simplified = 0;
  let traditional = 0;
  const end = Math.min(text.length, limit);
  for (let i = 0; i < end; i++) {
    const k = SCRIPT_OF[text.charCodeAt(i)];
    if (k === 1) simplified++;
    else if (k === 2) traditional++;
  }
  const total = simplified + traditional;
  let script: Script = 'unknown';
  if (total >= 3) {
    if (simplified >= traditional * 3) script = 'simplified';
    else if (traditional >= simplified * 3) script = 'traditional';
  }
  return { script, simplified, traditional };
}
