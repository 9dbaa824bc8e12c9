//! Makes a fragment of the site's HTML stand on its own, for copies read away from the site
//! (feeds, job boards, JobPosting descriptions): every relative `href` and `src` made absolute.

use url::Url;

/// `html` with each relative link and image address resolved against `page` (the absolute
/// address of the page the fragment belongs to), as a browser on that page would resolve it.
/// Absolute addresses (`https:`, `mailto:`, `tel:`) are left alone. Only attributes inside tags
/// are touched; text that merely looks like an attribute is not.
pub fn absolute_html(html: &str, page: &Url) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 512);
    let mut copied = 0;
    let mut in_tag = false;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    'scan: while i < bytes.len() {
        if !in_tag {
            // Text between tags is skipped to the next tag in one search.
            match html[i..].find('<') {
                Some(at) => (i, in_tag) = (i + at + 1, true),
                None => break,
            }
            continue;
        }
        let b = bytes[i];
        i += 1;
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            continue;
        }
        match b {
            b'>' => in_tag = false,
            b'"' | b'\'' => quote = Some(b),
            b' ' | b'\t' | b'\n' | b'\r' => {
                for name in [&b"href=\""[..], &b"src=\""[..]] {
                    let named = bytes.get(i..i + name.len()).is_some_and(|found| found.eq_ignore_ascii_case(name));
                    if !named {
                        continue;
                    }
                    let start = i + name.len();
                    let Some(length) = html[start..].find('"') else { break };
                    let end = start + length;
                    if let Some(resolved) = resolve(&html[start..end], page) {
                        out.push_str(&html[copied..start]);
                        out.push_str(&resolved);
                        copied = end;
                    }
                    i = end + 1;
                    continue 'scan;
                }
            }
            _ => {}
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// The absolute form of an escaped attribute value, escaped again; `None` when it already is
/// absolute (has a scheme) or cannot be resolved.
fn resolve(escaped: &str, page: &Url) -> Option<String> {
    let value = quick_xml::escape::unescape(escaped).ok()?;
    let scheme_end = value.find(':');
    let path_start = value.find(['/', '?', '#']);
    if scheme_end.is_some_and(|colon| path_start.is_none_or(|p| colon < p)) {
        return None;
    }
    let joined = page.join(&value).ok()?;
    Some(quick_xml::escape::escape(joined.as_str()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://careers.example.gov.uk/jobs/social-worker/").unwrap()
    }

    #[test]
    fn relative_links_and_images_become_absolute() {
        let html = "<p><a href=\"/benefits/\">offer</a> <img src=\"photo.jpg\" alt=\"x\"> \
                    <a href=\"#apply\">apply</a> <a href=\"../other/?a=1&amp;b=2\">o</a></p>";
        assert_eq!(
            absolute_html(html, &page()),
            "<p><a href=\"https://careers.example.gov.uk/benefits/\">offer</a> \
             <img src=\"https://careers.example.gov.uk/jobs/social-worker/photo.jpg\" alt=\"x\"> \
             <a href=\"https://careers.example.gov.uk/jobs/social-worker/#apply\">apply</a> \
             <a href=\"https://careers.example.gov.uk/jobs/other/?a=1&amp;b=2\">o</a></p>"
        );
    }

    #[test]
    fn absolute_addresses_and_text_that_looks_like_an_attribute_are_left_alone() {
        let html = "<p title=\"x href=&quot;/a&quot;\">Write href=\"/b\" here: \
                    <a href=\"mailto:hr@example.gov.uk\">m</a> <a href=\"https://x.example/\">y</a> \
                    <a href=\"tel:+441234\">t</a></p>";
        assert_eq!(absolute_html(html, &page()), html);
    }
}
