//! Sentences and paragraphs: split at 。！？ and at line ends, but lines that wrap a
//! paragraph are joined again.

use super::Line;
use super::Paragraph;
use super::marker;
use crate::lexicon::structure as lex;
use crate::text::{class, is_cjk, is_sentence_end};
use crate::{Doc, Sentence};

/// The sentences and paragraphs of the text.
pub(super) fn split(doc: &Doc<'_>, lines: &[Line]) -> (Vec<Sentence>, Vec<Paragraph>) {
    let c = &doc.c;
    let mut sentences = Vec::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut para_start: Option<(usize, usize)> = None;
    let mut open: Option<usize> = None;
    let mut last_te = 0;
    let mut last_ts = 0;
    let mut last_len = 0;
    for line in lines {
        let (ts, te) = (line.ts, line.te);
        if ts == te {
            continue;
        }
        if let Some(st) = open {
            let prev = c[last_te - 1];
            // Spaces and bars have the CELL class: most lines are ruled out eight chars at a time.
            let table_row = last_te >= 2
                && doc.classes(last_ts, last_te) & class::CELL != 0
                && (c[last_ts..last_te].windows(2).any(|w| w == [' ', ' '])
                    || c[last_ts..last_te].contains(&'|'));
            // A line wraps a paragraph when it is long, or when the open sentence began
            // after another sentence on it (a heading never does): 分类推动⏎⏎市场化转型.
            let wraps = (last_len >= 40 || st > last_ts)
                && !table_row
                && (is_cjk(prev) || prev.is_ascii_alphanumeric())
                && marker(c, ts, te).is_none()
                && !lex::BULLETS.contains(&c[ts]);
            if !wraps {
                sentences.push(Sentence {
                    start: st,
                    end: last_te,
                });
                open = None;
            }
        }
        // A line starts a paragraph unless it carries on the open sentence.
        if open.is_none() {
            if let Some((ps, pf)) = para_start.take() {
                paragraphs.push(Paragraph {
                    start: ps,
                    end: last_te,
                    first: pf,
                    last: sentences.len(),
                });
            }
            para_start = Some((ts, sentences.len()));
        }
        let mut i = ts;
        while i < te {
            if open.is_none() {
                if c[i] == ' ' {
                    i += 1;
                    continue;
                }
                open = Some(i);
            }
            if doc.cls[i] & class::SENT_END == 0 {
                i = doc.next_of(i + 1, te, class::SENT_END);
                continue;
            }
            // A '?' between characters is a garbled char (政??府), not a question mark.
            let garbled = matches!(c[i], '?' | '？')
                && c.get(i + 1)
                    .is_some_and(|&x| is_cjk(x) || x.is_ascii_digit() || x == '?' || x == '？');
            if is_sentence_end(c[i]) && !garbled {
                // Keep closing quotes with the sentence.
                let mut e = i + 1;
                while e < te && matches!(c[e], '”' | '’' | '」' | '）' | ')') {
                    e += 1;
                }
                if let Some(st) = open.take() {
                    sentences.push(Sentence { start: st, end: e });
                }
                i = e;
                continue;
            }
            i += 1;
        }
        last_te = te;
        last_ts = ts;
        last_len = te - ts;
    }
    if let Some(st) = open {
        sentences.push(Sentence {
            start: st,
            end: last_te.max(st),
        });
    }
    if let Some((ps, pf)) = para_start {
        paragraphs.push(Paragraph {
            start: ps,
            end: last_te.max(ps),
            first: pf,
            last: sentences.len(),
        });
    }

    (sentences, paragraphs)
}
