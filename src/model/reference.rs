//! References for new vacancies from a pattern such as `KVC-{year}-{n:03}`, never repeating one
//! that is already used.

/// A parsed reference pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Year,
    /// The running number, zero-padded to this width.
    Number(usize),
}

impl Pattern {
    /// Reads a pattern; `None` unless it has exactly one `{n}` (or `{n:0W}`).
    pub fn parse(text: &str) -> Option<Pattern> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            let close = rest[open..].find('}')? + open;
            let part = match &rest[open + 1..close] {
                "year" => Part::Year,
                "n" => Part::Number(1),
                spec => Part::Number(spec.strip_prefix("n:0")?.parse().ok().filter(|w| (1..=12).contains(w))?),
            };
            parts.push(part);
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        (parts.iter().filter(|p| matches!(p, Part::Number(_))).count() == 1).then_some(Pattern { parts })
    }

    fn format(&self, year: i16, n: u64) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Year => year.to_string(),
                Part::Number(width) => format!("{n:0width$}"),
            })
            .collect()
    }

    /// The number in `reference` if it fits this pattern for `year`.
    fn number_in(&self, reference: &str, year: i16) -> Option<u64> {
        let mut rest = reference;
        let mut number = None;
        for (i, part) in self.parts.iter().enumerate() {
            match part {
                Part::Text(t) => rest = rest.strip_prefix(t.as_str())?,
                Part::Year => rest = rest.strip_prefix(&year.to_string())?,
                Part::Number(_) => {
                    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                    let stop = match self.parts.get(i + 1) {
                        Some(Part::Year) => digits.saturating_sub(4),
                        _ => digits,
                    };
                    number = Some(rest[..stop].parse().ok()?);
                    rest = &rest[stop..];
                }
            }
        }
        if rest.is_empty() {
            number
        } else {
            None
        }
    }

    /// The next reference for `year`: one more than the highest already used, and unused.
    pub fn next<'a>(&self, year: i16, existing: impl IntoIterator<Item = &'a str> + Clone) -> String {
        let highest = existing.clone().into_iter().filter_map(|r| self.number_in(r, year)).max().unwrap_or(0);
        let mut n = highest + 1;
        loop {
            let candidate = self.format(year, n);
            if !existing.clone().into_iter().any(|r| r == candidate) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// "Kestrel Vale Council" → "KVC", for the default pattern.
pub fn initials(name: &str) -> String {
    let letters: String = name
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if letters.is_empty() {
        "REF".to_string()
    } else {
        letters
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_highest_existing_reference() {
        let p = Pattern::parse("NCC-{year}-{n:03}").unwrap();
        assert_eq!(p.next(2026, ["NCC-2026-001", "NCC-2026-014", "NCC-2025-099", "OTHER-7"]), "NCC-2026-015");
        assert_eq!(p.next(2027, ["NCC-2026-001"]), "NCC-2027-001");
        let q = Pattern::parse("KVC-CS-{n:03}").unwrap();
        assert_eq!(q.next(2026, ["KVC-CS-024", "KVC-CS-003"]), "KVC-CS-025");
        assert_eq!(Pattern::parse("{n}").unwrap().next(2026, ["1", "2"]), "3");
    }

    #[test]
    fn patterns_need_one_number() {
        assert!(Pattern::parse("NCC-{year}").is_none());
        assert!(Pattern::parse("{n}-{n}").is_none());
        assert!(Pattern::parse("{n:0x}").is_none());
        assert_eq!(initials("Kestrel Vale Council"), "KVC");
    }
}
