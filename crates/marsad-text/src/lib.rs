//! The Arabic text layer of marsad: a chain of small steps, each usable and tested alone.
//!
//! ```text
//! text ──normalize──▶ display form            (what a reader sees: NFKC, no invisible marks)
//!      └─normalize──▶ matching form + offsets (full fold, mapped back to the original bytes)
//!                      └─tokenize──▶ words ──strip_clitics──▶ base ──light_stem──▶ stem
//!                                            names ──skeleton──▶ loose name key
//! ```
//!
//! * [`normalize_display`], [`normalize_for_matching`], [`normalize_with_offsets`]: one
//!   streaming pass; NFKC only on the characters that need it (ASCII and the basic Arabic
//!   letters skip it). The matching form removes diacritics, tatweel and invisible controls;
//!   folds alef forms to ا, ى/ی to ي, ک to ك, ة to ه, digits to ASCII, quotes to `"`,
//!   Latin to lowercase; and folds hamza on a carrier (ؤ ئ) to a bare ء. That last choice,
//!   rather than ؤ→و / ئ→ي, makes the regional spellings مسؤول/مسئول and شؤون/شئون — frequent
//!   in news, Egyptian outlets favour ئ — one word, while keeping و and ي intact.
//! * [`tokenize`] / [`tokenize_into`] / [`TokenStream`]: words (letters and digits) with their
//!   matching form, clitic-free base and byte span in the original text. This crate does not
//!   depend on tantivy; the store crate wraps [`TokenStream`] as a tantivy tokenizer.
//! * [`strip_clitics`]: proclitics (و ف ب ك ل, ال and their combinations) and pronoun suffixes,
//!   guarded by minimum lengths and by the general word lists in [`lexicon`], so that وزير,
//!   بوتين or لندن keep their first letter. A bare ب ل ك ف is kept (بصنعاء stays whole):
//!   the index decides at search time, from its own vocabulary, when it is a preposition.
//!   [`lam_reading`] gives the second reading of "لل" (للبنان = ل + لبنان). See
//!   [`clitics`](strip_clitics) for the rules.
//! * [`light_stem`]: Larkey's light10 suffixes on top of the base. Light stemming is the best
//!   known recall tool for Arabic search and fails softly, but it conflates names with words
//!   (بوتين → بوت; Snowball even turns بيونغ into يونغ): it belongs in a separate recall-only
//!   field, never in exact or name matching.
//! * [`skeleton`]: a loose key for transliterated names (بيونغ يانغ = بيونج يانج, ترامب =
//!   ترمب). It drops vowels and merges letter classes, which would merge unrelated ordinary
//!   words, so it is only for names.

mod clitics;
pub mod lexicon;
mod normalize;
mod skeleton;
pub mod spelling;
mod stem;
mod tokenize;

pub use clitics::{
    lam_reading, strip_clitics, strip_proclitics, strip_pronoun_suffix, ARTICLE_PREFIXES,
    MIN_KNOWN_AFTER_PROCLITIC, MIN_STEM_AFTER_ARTICLE, MIN_STEM_AFTER_WAW, MIN_STEM_BEFORE_SUFFIX,
    PROCLITICS, PRONOUN_SUFFIXES,
};
pub use normalize::{
    is_arabic_letter, normalize_display, normalize_display_with_offsets, normalize_for_matching,
    normalize_with_offsets, Normalized,
};
pub use skeleton::{skeleton, SOUND_CLASSES, VOWEL_LETTERS};
pub use stem::{light_stem, light_stem_ref, LIGHT10_SUFFIXES, MIN_STEM};
pub use tokenize::{tokenize, tokenize_into, Token, TokenRef, TokenStream, Words};
