//! The word counter: words and estimated syllables of a text in one table step per
//! byte, for the word counts and the reading-ease figure.

/// What a byte is to the word counter: 0 neither letter nor digit, 1 a digit or part of
/// a non-ASCII character (content, but no syllable), 2 a consonant, 3 a vowel, 4 ASCII
/// white space (between words).
pub(super) const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = (b as u8).to_ascii_lowercase();
        t[b] = if b >= 0x80 || c.is_ascii_digit() {
            1
        } else if matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
            3
        } else if c.is_ascii_lowercase() {
            2
        } else if c.is_ascii_whitespace() {
            4
        } else {
            0
        };
        b += 1;
    }
    t
};

/// What the word counter knows of the word being read, besides its vowel groups: bit 3
/// is set once it has content (a letter or digit); bits 0–2 say what its last ASCII
/// letter was, one of these (0: none yet).
pub(super) const LAST_E_AFTER_L: usize = 1;
pub(super) const LAST_E: usize = 2;
pub(super) const LAST_L: usize = 3;
pub(super) const LAST_VOWEL: usize = 4;
pub(super) const LAST_CONSONANT: usize = 5;
pub(super) const HAS_CONTENT: usize = 8;

/// One step of the word counter, at `state << 8 | byte`: the next state, shifted left by
/// 8 likewise (bits 8–11); whether the byte is white space (bit 12: the word ends, the
/// state goes back to 0); and whether a vowel group starts (bit 16). The counter keeps
/// the state and the word's vowel groups in one number laid out the same way (groups
/// from bit 16), so that a step is a load, a mask and an add.
pub(super) const STEP: [u32; 16 * 256] = {
    let mut t = [0u32; 16 * 256];
    let mut state = 0;
    while state < 16 {
        let last = state & 7;
        let after_vowel = matches!(last, LAST_E_AFTER_L | LAST_E | LAST_VOWEL);
        let mut b = 0;
        while b < 256 {
            let lower = (b as u8).to_ascii_lowercase();
            let (next, group, space) = match CLASS[b] {
                0 => (state, false, false),
                1 => (state | HAS_CONTENT, false, false),
                4 => (0, false, true),
                class => {
                    let letter = match lower {
                        b'e' if last == LAST_L => LAST_E_AFTER_L,
                        b'e' => LAST_E,
                        b'l' => LAST_L,
                        _ if class == 3 => LAST_VOWEL,
                        _ => LAST_CONSONANT,
                    };
                    (HAS_CONTENT | letter, class == 3 && !after_vowel, false)
                }
            };
            t[state << 8 | b] = (next as u32) << 8 | (space as u32) << 12 | (group as u32) << 16;
            b += 1;
        }
        state += 1;
    }
    t
};

/// Words and estimated syllables of a sentence. A word is a run of non-blank text with a
/// letter or digit in it; its syllables are the vowel groups of its ASCII letters, less
/// a silent final "e" (not after "l"): an estimate good enough for a reading-ease
/// figure, and cheap, as this runs for every word of the document: one table step per
/// byte.
pub fn count_words(s: &str) -> (u32, u32) {
    let (mut words, mut syllables) = (0u32, 0u32);
    let mut end = |word: u64| {
        let state = (word >> 8) as usize & 15;
        if state & HAS_CONTENT != 0 {
            // A word has fewer vowel groups than bytes, so they fit.
            let groups = (word >> 16) as u32;
            // Two vowel groups hold a consonant between them, so the word has three
            // letters or more, the length a silent "e" needs.
            let silent_e = groups > 1 && state & 7 == LAST_E;
            words += 1;
            syllables += (groups - u32::from(silent_e)).max(1);
        }
    };
    // The word being read: its state in bits 8–11, its vowel groups from bit 16 (a u64,
    // so that no count reaches past its bits).
    let mut word = 0u64;
    for &b in s.as_bytes() {
        let step = STEP[(word as usize & 0xF00) | b as usize];
        if step & 1 << 12 != 0 {
            end(word);
            word = 0;
            continue;
        }
        word = (word & !0xFFFF) + u64::from(step);
    }
    end(word);
    (words, syllables)
}
