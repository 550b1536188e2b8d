//! Quotes: direct quotes in «», “”, "" and reported speech (قال … إن …), each attributed
//! to a speaker, with the cue words of [`crate::cues`].
//!
//! Attribution of a direct quote, first that applies:
//! 1. before it in its sentence: "عن X قوله:"; or a speech verb with an entity after it
//!    ("وقال بوتين:"), or before it ("X قال"), or a role ("قال المتحدث باسم الكرملين");
//! 2. after it: "، قال X", "، وفقا لـ X";
//! 3. a quote right after another one, or a continuation verb (وأضاف) with no subject,
//!    keeps the previous speaker.
//!
//! Reported speech: a speech verb, then its subject, then إن/أن, then the clause up to the end
//! of the sentence; "… وفقا لـ X" (the clause before the cue).

use std::ops::Range;

use crate::cues::{
    is_in, ACCORDING_TO, CONTINUATION_VERBS, ROLE_HEADS, SAYING_NOUNS, SPEECH_VERBS, THAT_WORDS,
};
use crate::entities::Found;
use crate::tokens::{skip_letters, CharIndex, Kind, Tokens};
use crate::{EntityType, Quote};

/// Words that end a speaker phrase ("وشدد أوشاكوف على أن": the speaker is أوشاكوف).
pub static PHRASE_STOPS: &[&str] = &[
    "علي",
    "في",
    "الي",
    "من",
    "عن",
    "مع",
    "خلال",
    "امام",
    "لدي",
    "بعد",
    "قبل",
    "للصحفيين",
    "للصحافيين",
    "لوساءل",
    "يوم",
    "اليوم",
    "امس",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "ايضا",
    "بدوره",
    "بدورها",
    "حينها",
    "مءخرا",
    "كذلك",
    "عبر",
    "فيه",
    "فيها",
    "له",
    "لها",
    "لهم",
    "منه",
    "عنه",
    "انه",
    "انها",
    "بانه",
    "قاءلا",
    "قاءله",
];
/// Longest speaker phrase without a role word ("المسؤول الصيني"): longer runs are the
/// verb's object ("وصف المسؤول الصيني التراشق الضريبي…").
pub const MAX_PLAIN_SPEAKER_WORDS: usize = 3;

/// An unattributed direct quote shorter than this (in words) is dropped: a title or name.
pub const MIN_UNATTRIBUTED_WORDS: usize = 6;
/// A quoted text shorter than this (in words) is a title or a scare quote, not a quote.
pub const MIN_QUOTE_WORDS: usize = 3;
/// How far before a quote its speech verb may be, in tokens.
pub const MAX_CUE_DISTANCE: usize = 30;
/// How far after a quote its attribution may be, in tokens.
pub const MAX_TRAILING_CUE: usize = 4;
/// How far back a continuation verb (وأضاف) looks for the speech verb it continues.
pub const RECENT_SPEAKER_TOKENS: usize = 80;
/// Longest subject between a speech verb and إن/أن, in tokens.
pub const MAX_SUBJECT_TOKENS: usize = 14;
/// Longest speaker phrase taken as written when no entity names the speaker.
pub const MAX_SPEAKER_WORDS: usize = 6;

#[derive(Clone, Debug)]
struct Speaker {
    text: String,
    entity: Option<String>,
    index: Option<usize>,
}

struct Ctx<'a> {
    text: &'a str,
    tokens: &'a Tokens,
    found: &'a Found,
    /// Entity index of each token.
    entity_at: Vec<Option<usize>>,
}

impl Ctx<'_> {
    fn surface(&self, i: usize) -> &str {
        self.tokens.surface(i)
    }
    fn base(&self, i: usize) -> &str {
        self.tokens.base(i)
    }
    /// The word without a leading و or ف: "وقال" → "قال", "فقالت" → "قالت".
    fn bare(&self, i: usize) -> &str {
        let s = self.surface(i);
        s.strip_prefix('و')
            .or_else(|| s.strip_prefix('ف'))
            .filter(|r| r.chars().count() >= 2)
            .unwrap_or(s)
    }
    fn is_speech_verb(&self, i: usize) -> bool {
        self.tokens.kind(i) == Some(Kind::Word)
            && (self.tokens.surface_in(SPEECH_VERBS, i) || is_in(SPEECH_VERBS, self.bare(i)))
    }
    fn is_continuation(&self, i: usize) -> bool {
        is_in(CONTINUATION_VERBS, self.bare(i))
    }
    fn is_that(&self, i: usize) -> bool {
        self.tokens.kind(i) == Some(Kind::Word) && is_in(THAT_WORDS, self.bare(i))
    }
    /// A token that ends a speaker phrase: punctuation, إن/أن, a speech verb, a preposition.
    fn ends_phrase(&self, i: usize) -> bool {
        self.tokens.kind(i) != Some(Kind::Word)
            || self.is_that(i)
            || self.is_speech_verb(i)
            || self.tokens.surface_in(PHRASE_STOPS, i)
            || self.tokens.base_in(PHRASE_STOPS, i)
    }
    /// A speaker named by words, not by a tagged entity: resolved to a person of the
    /// document whose name ends with the phrase's last word.
    fn phrase_speaker(&self, r: Range<usize>) -> Option<Speaker> {
        let mut end = (r.start..r.end)
            .find(|&i| self.ends_phrase(i))
            .unwrap_or(r.end);
        if end == r.start || end - r.start > MAX_SPEAKER_WORDS {
            return None;
        }
        if !(r.start..end).any(|i| self.tokens.base_in(ROLE_HEADS, i)) {
            end = end.min(r.start + MAX_PLAIN_SPEAKER_WORDS);
        }
        let text = self.text_of(r.start..end);
        let last = self.base(end - 1);
        let found = self.found.entities.iter().enumerate().find(|(_, e)| {
            e.entity_type == EntityType::Pers
                && crate::names::name_key(&e.canonical).rsplit(' ').next() == Some(last)
        });
        Some(Speaker {
            text,
            entity: found.map(|(_, e)| e.canonical.clone()),
            index: found.map(|(i, _)| i),
        })
    }
    fn is_sentence_end(&self, i: usize) -> bool {
        self.tokens.is_punct(i, ".!?") || self.tokens.toks.get(i).is_some_and(|t| t.after_newline)
    }
    fn text_of(&self, r: Range<usize>) -> String {
        if r.is_empty() {
            return String::new();
        }
        let a = self.tokens.toks[r.start].start;
        let b = self.tokens.toks[r.end - 1].end;
        self.text.get(a..b).unwrap_or("").to_owned()
    }
    /// The speaker named by the entity at token `i`.
    fn entity_speaker(&self, e: usize) -> Speaker {
        let ent = &self.found.entities[e];
        Speaker {
            text: ent.text.clone(),
            entity: Some(ent.canonical.clone()),
            index: Some(e),
        }
    }
    /// The first person (else organisation) entity within `r`.
    fn entity_in(&self, r: Range<usize>) -> Option<usize> {
        let mut org = None;
        for i in r {
            if let Some(e) = self.entity_at.get(i).copied().flatten() {
                match self.found.entities[e].entity_type {
                    EntityType::Pers => return Some(e),
                    EntityType::Org if org.is_none() => org = Some(e),
                    _ => {}
                }
            }
        }
        org
    }
    /// A role phrase within `r` ("المتحدث باسم الكرملين"), resolved to a person of the
    /// document who was given that role.
    fn role_speaker(&self, r: Range<usize>) -> Option<Speaker> {
        let start = r.clone().find(|&i| self.tokens.base_in(ROLE_HEADS, i))?;
        let end = (start + 1..r.end)
            .find(|&i| self.ends_phrase(i))
            .unwrap_or(r.end)
            .min(start + MAX_SPEAKER_WORDS);
        let (cut, _) = (self.tokens.proclitic(start).chars().count(), ());
        let cut = if self.tokens.proclitic(start).ends_with("ال") {
            cut - 2
        } else {
            cut
        };
        let a = skip_letters(self.text, self.tokens.toks[start].start, cut);
        let b = self.tokens.toks[end - 1].end;
        let phrase = self.text.get(a..b)?.to_owned();
        let key = marsad_text::normalize_for_matching(&phrase);
        let entity = self.found.entities.iter().find_map(|e| {
            let role = e.role.as_ref()?;
            let rk = marsad_text::normalize_for_matching(role);
            (rk.ends_with(&key) || key.ends_with(&rk)).then(|| e.canonical.clone())
        });
        Some(Speaker {
            text: phrase,
            entity,
            index: None,
        })
    }
    /// The speaker of a speech verb at `v` whose content starts at `content`: an entity or
    /// role between them, else an entity just before the verb.
    fn speaker_of_verb(&self, v: usize, content: usize) -> Option<Speaker> {
        if let Some(e) = self.entity_in(v + 1..content) {
            if self.introduces(v, self.found.ranges[e].start) {
                return Some(self.entity_speaker(e));
            }
        }
        if self.tokens.base_in(ROLE_HEADS, v + 1) {
            if let Some(s) = self.role_speaker(v + 1..content) {
                return Some(s);
            }
        }
        // "وقال جو بي يون، زميل باحث …": words up to a comma or colon name the speaker.
        let end = (v + 1..content)
            .find(|&i| self.ends_phrase(i))
            .unwrap_or(content);
        if end > v + 1 && self.tokens.is_punct(end, "،,:") {
            if let Some(s) = self.phrase_speaker(v + 1..end) {
                return Some(s);
            }
        }
        if let Some(s) = self.role_speaker(v + 1..content) {
            return Some(s);
        }
        self.subject_before(v)
    }
    /// The words between the verb at `v` and a name at `start` are a role phrase (a role head,
    /// definite words, places, organisations, commas) or nothing: "وقال وزير الخارجية الروسي
    /// سيرغي لافروف" yes, "وقال عبر حسابه على تويتر" no.
    fn introduces(&self, v: usize, start: usize) -> bool {
        let between = v + 1..start;
        if between.is_empty() {
            return true;
        }
        // "قال طبيب منتخب مصر، محمد أبو العلا،": a short apposition ending in a comma.
        if between.len() <= MAX_PLAIN_SPEAKER_WORDS + 1 && self.tokens.is_punct(start - 1, "،,") {
            return true;
        }
        let has_role = between.clone().any(|i| self.tokens.base_in(ROLE_HEADS, i));
        has_role
            && between.clone().all(|i| {
                self.tokens.is_punct(i, "،,")
                    || self.entity_at[i].is_some()
                    || self.tokens.base_in(ROLE_HEADS, i)
                    || self.tokens.proclitic(i).ends_with("ال")
                    || self.tokens.proclitic(i).ends_with("لل")
                    || self.tokens.base_in(crate::cues::ROLE_WORDS, i)
                    || self.surface(i) == "باسم"
            })
    }
    /// The speaker of the nearest speech verb before `j` with a named subject (for "وأضاف"
    /// with no subject: "وقالت بيرس للصحفيين "هذا مقزز"، وأضافت …").
    fn recent_speaker(&self, j: usize) -> Option<Speaker> {
        let lo = j.saturating_sub(RECENT_SPEAKER_TOKENS);
        let k = (lo..j).rev().find(|&k| self.is_speech_verb(k))?;
        if self.is_continuation(k) {
            return None;
        }
        // The subject runs at most to the next quote mark or إن/أن.
        let end = (k + 1..j)
            .find(|&m| self.tokens.is_punct(m, "\"") || self.is_that(m))
            .unwrap_or(j)
            .min(k + 1 + MAX_SUBJECT_TOKENS);
        self.speaker_of_verb(k, end)
    }
    /// "X قال", "وكان المتحدث …، إيغور كوناشينكوف، قد قال": the subject before the verb,
    /// in the same sentence (commas may lie between).
    fn subject_before(&self, v: usize) -> Option<Speaker> {
        let lo = v.saturating_sub(MAX_SUBJECT_TOKENS);
        let mut i = v;
        while i > lo {
            i -= 1;
            if self.tokens.kind(i) == Some(Kind::Punct) && !self.tokens.is_punct(i, "،,")
                || self.is_sentence_end(i + 1) && i + 1 < v
            {
                break;
            }
            if let Some(e) = self.entity_at[i] {
                if matches!(
                    self.found.entities[e].entity_type,
                    EntityType::Pers | EntityType::Org
                ) {
                    return Some(self.entity_speaker(e));
                }
            }
        }
        None
    }
}

/// Direct quote spans: token index of the opening and closing marks.
fn quote_marks(text: &str, tokens: &Tokens) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for i in 0..tokens.len() {
        if tokens.kind(i) != Some(Kind::Punct) {
            continue;
        }
        let t = &tokens.toks[i];
        let Some(c) = text.get(t.start..t.end).and_then(|s| s.chars().next()) else {
            continue;
        };
        if let Some((o, oc)) = open {
            if tokens.toks[o + 1..=i].iter().any(|t| t.after_newline) {
                open = None;
            }
            let closes = matches!(
                (oc, c),
                ('«', '»') | ('“', '”') | ('"', '"') | ('„', '“') | ('„', '”') | ('“', '"')
            );
            if open.is_some() && closes {
                out.push((o, i));
                open = None;
                continue;
            }
        }
        if matches!(c, '«' | '“' | '"' | '„') && open.is_none() {
            open = Some((i, c));
        }
    }
    out
}

pub(crate) fn find(text: &str, tokens: &Tokens, found: &Found) -> Vec<Quote> {
    let mut entity_at = vec![None; tokens.len()];
    for (e, r) in found.ranges.iter().enumerate() {
        for slot in entity_at.iter_mut().take(r.end).skip(r.start) {
            *slot = Some(e);
        }
    }
    let cx = Ctx {
        text,
        tokens,
        found,
        entity_at,
    };
    // Direct quotes long enough to be quotes: opening mark → closing mark.
    let mut close_of = vec![usize::MAX; tokens.len()];
    let mut inside = vec![false; tokens.len()];
    for (o, c) in quote_marks(text, tokens) {
        let words = (o + 1..c)
            .filter(|&i| tokens.kind(i) == Some(Kind::Word))
            .count();
        if words < MIN_QUOTE_WORDS {
            continue;
        }
        close_of[o] = c;
        for slot in inside.iter_mut().take(c + 1).skip(o) {
            *slot = true;
        }
    }
    // In text order, so that "the previous speaker" is the one before.
    let mut raw: Vec<Raw> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if close_of[i] != usize::MAX {
            let c = close_of[i];
            let (speaker, cue) = attribute_direct(&cx, i, c, &raw);
            raw.push((i + 1..c, true, speaker, cue));
            i = c + 1;
            continue;
        }
        if inside[i] {
            i += 1;
            continue;
        }
        if let Some((content, speaker, cue)) = reported(&cx, i, &inside, &raw) {
            // The clause of "… وفقا لـ X" lies before the cue: move on past the cue.
            let next = content.end.max(i + 1);
            raw.push((content, false, speaker, Some(cue)));
            i = next;
            continue;
        }
        i += 1;
    }
    raw.sort_by_key(|q| q.0.start);
    let mut ix = CharIndex::new(text);
    let mut out = Vec::with_capacity(raw.len());
    for (r, direct, speaker, cue) in raw {
        if r.is_empty() {
            continue;
        }
        let words = r
            .clone()
            .filter(|&m| tokens.kind(m) == Some(Kind::Word))
            .count();
        if speaker.is_none() && words < MIN_UNATTRIBUTED_WORDS {
            continue;
        }
        let a = tokens.toks[r.start].start;
        let b = tokens.toks[r.end - 1].end;
        let Some(q) = text.get(a..b) else { continue };
        let start = ix.at(a);
        let end = ix.at(b);
        out.push(Quote {
            text: q.to_owned(),
            speaker: speaker.as_ref().map(|s| s.text.clone()),
            speaker_index: speaker.as_ref().and_then(|s| s.index),
            speaker_entity: speaker.and_then(|s| s.entity),
            cue: cue.map(|c| cx.text_of(c..c + 1)),
            direct,
            start,
            end,
        });
    }
    out
}

type Raw = (Range<usize>, bool, Option<Speaker>, Option<usize>);

fn previous_speaker(raw: &[Raw]) -> Option<Speaker> {
    raw.iter().rev().find_map(|q| q.2.clone())
}

fn attribute_direct(cx: &Ctx, o: usize, c: usize, raw: &[Raw]) -> (Option<Speaker>, Option<usize>) {
    let tokens = cx.tokens;
    // 1. Before the quote, within its sentence.
    let lo = o.saturating_sub(MAX_CUE_DISTANCE);
    let mut j = o;
    while j > lo {
        j -= 1;
        if cx.is_sentence_end(j + 1) && j + 1 < o
            || cx.is_sentence_end(j) && tokens.kind(j) == Some(Kind::Punct)
        {
            break;
        }
        if raw.last().is_some_and(|q| q.0.end > j) {
            break;
        }
        if tokens.kind(j) != Some(Kind::Word) {
            continue;
        }
        if cx.tokens.base_in(SAYING_NOUNS, j) || cx.tokens.surface_in(SAYING_NOUNS, j) {
            // "عن X قوله"
            let from = (j.saturating_sub(8)..j)
                .rev()
                .find(|&k| cx.surface(k) == "عن");
            if let Some(f) = from {
                if let Some(e) = cx.entity_in(f + 1..j) {
                    return (Some(cx.entity_speaker(e)), Some(j));
                }
                let phrase = cx.text_of(f + 1..j);
                return (
                    Some(Speaker {
                        text: phrase,
                        entity: None,
                        index: None,
                    }),
                    Some(j),
                );
            }
        }
        if cx.is_speech_verb(j) {
            let sp = cx.speaker_of_verb(j, o);
            if sp.is_some() {
                return (sp, Some(j));
            }
            // A verb with no named subject after it ("قد قال إن", "وأضاف:"): a subject
            // before it, else the previous speaker.
            let subject_words = (j + 1..o)
                .filter(|&k| tokens.kind(k) == Some(Kind::Word))
                .count();
            if subject_words == 0 || cx.is_that(j + 1) {
                if cx.is_continuation(j) {
                    return (
                        cx.recent_speaker(j).or_else(|| previous_speaker(raw)),
                        Some(j),
                    );
                }
                if let Some(sp) = cx.subject_before(j) {
                    return (Some(sp), Some(j));
                }
                return (
                    cx.recent_speaker(j).or_else(|| previous_speaker(raw)),
                    Some(j),
                );
            }
            if cx.is_continuation(j) && cx.phrase_speaker(j + 1..o).is_none() {
                return (previous_speaker(raw), Some(j));
            }
            if let Some(sp) = cx.phrase_speaker(j + 1..o) {
                return (Some(sp), Some(j));
            }
            let sp = cx
                .subject_before(j)
                .or_else(|| cx.recent_speaker(j))
                .or_else(|| previous_speaker(raw));
            return (sp, Some(j));
        }
    }
    // 2. After the quote: "، قال X" or "، وفقا لـ X".
    let mut k = c + 1;
    while k < tokens.len()
        && k <= c + MAX_TRAILING_CUE
        && tokens.kind(k) == Some(Kind::Punct)
        && !tokens.is_punct(k, ".!?")
    {
        k += 1;
    }
    if k < tokens.len() && cx.is_speech_verb(k) {
        let end = (k + 1..tokens.len().min(k + 12))
            .find(|&m| cx.is_sentence_end(m) || tokens.kind(m) == Some(Kind::Punct))
            .unwrap_or(tokens.len().min(k + 12));
        if let Some(e) = cx.entity_in(k + 1..end) {
            return (Some(cx.entity_speaker(e)), Some(k));
        }
        if let Some(s) = cx.role_speaker(k + 1..end) {
            return (Some(s), Some(k));
        }
    }
    if let Some((cue, src)) = according_to(cx, k) {
        let end = (src..tokens.len().min(src + 8))
            .find(|&m| tokens.kind(m) != Some(Kind::Word))
            .unwrap_or(tokens.len().min(src + 8));
        if let Some(e) = cx.entity_in(src..end) {
            return (Some(cx.entity_speaker(e)), Some(cue));
        }
    }
    // 3. After a previous quote of the same sentence, or right after one (only
    // punctuation between), with no other speech verb between: the same speaker.
    if let Some(q) = raw.last() {
        let between = q.0.end + 1..o;
        let adjacent =
            between.clone().all(|m| tokens.kind(m) == Some(Kind::Punct)) && between.len() <= 3;
        let same_sentence =
            between.clone().all(|m| !cx.is_sentence_end(m)) && between.len() <= MAX_CUE_DISTANCE;
        if (adjacent || same_sentence)
            && !between.clone().any(|m| cx.is_speech_verb(m))
            && q.2.is_some()
        {
            return (q.2.clone(), q.3);
        }
    }
    (None, None)
}

/// "وفقا لـ X", "بحسب X" at token `k`: the cue token and the first token of the source.
fn according_to(cx: &Ctx, k: usize) -> Option<(usize, usize)> {
    for phrase in ACCORDING_TO {
        let n = phrase.len();
        let ok = (0..n).all(|m| {
            let i = k + m;
            cx.tokens.kind(i) == Some(Kind::Word)
                && (cx.surface(i) == phrase[m] || cx.bare(i) == phrase[m])
        });
        if ok {
            let next = k + n;
            // "وفقا لبوتين": the ل is on the source; "وفقا لـ"بوتين"": a lone ل.
            let src = if cx.surface(next) == "ل" {
                next + 1
            } else {
                next
            };
            return Some((k, src));
        }
    }
    None
}

/// Reported speech at token `v`: the content range, the speaker and the cue token.
fn reported(
    cx: &Ctx,
    v: usize,
    inside: &[bool],
    raw: &[Raw],
) -> Option<(Range<usize>, Option<Speaker>, usize)> {
    let tokens = cx.tokens;
    let relay = cx.tokens.base_in(SAYING_NOUNS, v) || cx.tokens.surface_in(SAYING_NOUNS, v);
    if !cx.is_speech_verb(v) && !relay {
        // "…، وفقا لـ X": the clause before the cue.
        if let Some((cue, src)) = according_to(cx, v) {
            let end = (src..tokens.len().min(src + 8))
                .find(|&m| tokens.kind(m) != Some(Kind::Word))
                .unwrap_or(tokens.len().min(src + 8));
            let e = cx.entity_in(src..end)?;
            let mut s = v;
            while s > 0 && !cx.is_sentence_end(s) && !inside[s - 1] && v - s < 60 {
                s -= 1;
            }
            if cx.is_sentence_end(s) && tokens.kind(s) == Some(Kind::Punct) {
                s += 1;
            }
            let mut e_end = v;
            while e_end > s && tokens.kind(e_end - 1) == Some(Kind::Punct) {
                e_end -= 1;
            }
            let words = (s..e_end)
                .filter(|&m| tokens.kind(m) == Some(Kind::Word))
                .count();
            if words >= MIN_QUOTE_WORDS && !(s..e_end).any(|m| inside[m]) {
                return Some((s..e_end, Some(cx.entity_speaker(e)), cue));
            }
        }
        return None;
    }
    // The subject, then إن/أن (or, after قوله, the content directly).
    let mut t = v + 1;
    let limit = tokens.len().min(v + 1 + MAX_SUBJECT_TOKENS);
    let that = if relay {
        Some(v)
    } else {
        loop {
            if t >= limit || cx.is_sentence_end(t) || inside.get(t).copied().unwrap_or(false) {
                break None;
            }
            if cx.is_that(t) {
                break Some(t);
            }
            if cx.is_speech_verb(t) {
                break None;
            }
            t += 1;
        }
    }?;
    let mut start = that + 1;
    if relay && cx.is_that(start) {
        start += 1;
    }
    while start < tokens.len() && tokens.is_punct(start, ":،,") {
        start += 1;
    }
    if inside.get(start).copied().unwrap_or(true) {
        return None;
    }
    let mut end = start;
    while end < tokens.len() && !cx.is_sentence_end(end) && !inside[end] {
        end += 1;
    }
    while end > start && tokens.kind(end - 1) == Some(Kind::Punct) {
        end -= 1;
    }
    let words = (start..end)
        .filter(|&m| tokens.kind(m) == Some(Kind::Word))
        .count();
    if words < MIN_QUOTE_WORDS {
        return None;
    }
    let speaker = if relay {
        let from = (v.saturating_sub(8)..v)
            .rev()
            .find(|&k| cx.surface(k) == "عن");
        from.and_then(|f| cx.entity_in(f + 1..v).map(|e| cx.entity_speaker(e)))
    } else if let Some(s) = cx.speaker_of_verb(v, that) {
        Some(s)
    } else if that == v + 1 && cx.is_continuation(v) {
        cx.recent_speaker(v).or_else(|| previous_speaker(raw))
    } else if that == v + 1 {
        cx.subject_before(v)
            .or_else(|| cx.recent_speaker(v))
            .or_else(|| previous_speaker(raw))
    } else {
        cx.phrase_speaker(v + 1..that)
            .or_else(|| cx.subject_before(v))
    };
    Some((start..end, speaker, v))
}
