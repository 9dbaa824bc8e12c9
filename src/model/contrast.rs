//! Colour contrast as WCAG 2 defines it, so a brand colour that makes text hard to read is
//! reported when the site is built.

use crate::diagnostics::Diagnostic;
use crate::model::config::Site;

/// The least contrast WCAG 2.2 AA allows for normal text.
pub const MINIMUM: f64 = 4.5;

/// Relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// The contrast ratio of two `#rrggbb` colours, from 1 to 21.
pub fn ratio(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    let (light, dark) = if x > y { (x, y) } else { (y, x) };
    (light + 0.05) / (dark + 0.05)
}

/// The text colour the default theme puts on the accent (focus) colour.
const FOCUS_TEXT: &str = "#0b0c0c";

/// Warnings for brand colours in `site.yaml` (whose text is `text`) that fail 4.5:1.
pub fn brand_warnings(site: &Site, text: &str) -> Vec<Diagnostic> {
    let brand = &site.brand;
    let line_of = |key: &str| {
        let needle = format!("{key}:");
        text.lines().position(|l| l.trim_start().starts_with(&needle)).map_or(1, |i| i + 1)
    };
    let pairs = [
        ("brand.primary", "primary", &brand.primary, &brand.primary_text, "the header's text (`brand.primary_text`)"),
        ("brand.accent", "accent", &brand.accent, &FOCUS_TEXT.to_string(), "the dark text of focused links"),
    ];
    pairs
        .into_iter()
        .filter_map(|(field, key, background, foreground, what)| {
            let r = ratio(background, foreground);
            (r < MINIMUM).then(|| {
                Diagnostic::warning(
                    crate::model::config::SITE_FILE,
                    format!("{background} has a contrast of {r:.2}:1 with {what}; WCAG 2.2 AA needs at least 4.5:1"),
                )
                .at(line_of(key), 1)
                .field(field)
                .rule("contrast")
                .hint("choose a darker or lighter colour; a contrast checker shows the ratio as you adjust it")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_wcag() {
        assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 0.01);
        assert!((ratio("#ffffff", "#ffffff") - 1.0).abs() < 0.01);
        assert!((ratio("#767676", "#ffffff") - 4.54).abs() < 0.01);
        assert!(ratio("#24496b", "#ffffff") > 4.5);
        assert!(ratio("#ffdd00", "#ffffff") < 4.5);
    }
}
