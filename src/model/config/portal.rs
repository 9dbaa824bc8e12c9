//! `portal:` in site.yaml: the councils whose vacancies a regional portal gathers, each with the
//! address of its jobsite JSON Feed (`/jobs/feed.json`) on the web or in a file.

use super::raw::{RawPortal, RawSource};
pub use crate::input::council_feeds::FeedAddress;
use crate::input::fields::Fields;
use serde_saphyr::Spanned;

/// The settings of a portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portal {
    /// In site.yaml order; slugs differ.
    pub sources: Vec<FeedSource>,
}

/// A council whose feed the portal reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSource {
    pub name: String,
    /// Its address on the portal (`/councils/<slug>/`) and its name in the cache and in
    /// `--accept-drop`.
    pub slug: String,
    pub feed: FeedAddress,
    /// The domains (lower case) its vacancies' own pages and apply links may be on, or under:
    /// those site.yaml lists, else the registrable domain of a web feed's host (`gov.uk` names
    /// aside: `jobs.northshire.gov.uk` gives `northshire.gov.uk`). Empty for a file feed without a
    /// list: the file is the site's own.
    pub domains: Vec<String>,
    /// The line of site.yaml where the source is named, for every finding about it.
    pub line: usize,
}

impl FeedSource {
    /// Whether `address` (an http(s) address) is on one of the source's domains.
    pub fn owns(&self, address: &str) -> bool {
        if self.domains.is_empty() {
            return true;
        }
        let Some(host) = url::Url::parse(address).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase)) else {
            return false;
        };
        self.domains.iter().any(|d| host == *d || host.strip_suffix(d.as_str()).is_some_and(|rest| rest.ends_with('.')))
    }
}

/// The registrable domain of a web address's host (its public suffix and one label more), or the
/// host itself when it has none (an IP address, `localhost`).
fn registrable_domain(address: &str) -> Option<String> {
    let host = url::Url::parse(address).ok()?.host_str()?.to_ascii_lowercase();
    let host = host.trim_start_matches('[').trim_end_matches(']').to_string();
    if host.parse::<std::net::IpAddr>().is_ok() {
        return Some(host);
    }
    Some(psl::domain_str(&host).map_or(host.clone(), str::to_string))
}

/// The checked `portal:` (`Some(None)` when the site is not a portal).
pub(super) fn portal_of(f: &mut Fields, raw: Option<Spanned<RawPortal>>) -> Option<Option<Portal>> {
    let Some(raw) = raw else { return Some(None) };
    let RawPortal { sources } = raw.value;
    let example = "[{ name: Northshire, feed: https://careers.northshire.gov.uk/jobs/feed.json }]";
    let list = f.required(sources, "portal.sources", example)?;
    let mut out: Vec<FeedSource> = Vec::new();
    let mut ok = true;
    if list.value.is_empty() {
        f.bad(&list, "portal.sources", "list at least one council's feed", None);
        ok = false;
    }
    for item in list.value {
        let keys = [
            ("name", item.value.name.is_some(), "name: Northshire County Council"),
            ("feed", item.value.feed.is_some(), "feed: https://careers.northshire.gov.uk/jobs/feed.json"),
        ];
        f.required_in_item(&item, "portal.sources", "source", &keys);
        let RawSource { name, feed, domains } = item.value;
        let name_span = name.clone();
        let name = name.and_then(|n| f.text(n, "portal.sources[].name"));
        let feed = feed.and_then(|v| address(f, &v));
        let (Some(name), Some(feed), Some(span)) = (name, feed, name_span) else {
            ok = false;
            continue;
        };
        let slug = slug::slugify(&name);
        if slug.is_empty() {
            f.bad(
                &span,
                "portal.sources[].name",
                format!("`{name}` has no letters or digits to make an address from"),
                None,
            );
            ok = false;
        } else if let Some(prev) = out.iter().find(|s| s.slug == slug) {
            let message = format!("`{name}` and `{}` would share the address /councils/{slug}/", prev.name);
            f.bad(&span, "portal.sources[].name", message, Some("give each council its own name".into()));
            ok = false;
        }
        let domains = match domains {
            Some(list) => list
                .value
                .into_iter()
                .filter_map(|d| {
                    let text = d.value.trim().trim_start_matches("*.").to_ascii_lowercase();
                    let plain = !text.is_empty()
                        && text.contains('.')
                        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
                    if !plain {
                        f.bad(
                            &d,
                            "portal.sources[].domains",
                            format!("`{}` is not a domain name", d.value),
                            Some("write a domain alone, such as northshire.gov.uk".into()),
                        );
                    }
                    plain.then_some(text)
                })
                .collect(),
            None => match &feed {
                FeedAddress::Web(address) => registrable_domain(address).into_iter().collect(),
                FeedAddress::File(_) => Vec::new(),
            },
        };
        out.push(FeedSource { name, slug, feed, domains, line: span.referenced.line() as usize });
    }
    ok.then_some(Some(Portal { sources: out }))
}

/// A feed's address: an http(s) address, or a file path (anything without a scheme).
fn address(f: &mut Fields, v: &Spanned<String>) -> Option<FeedAddress> {
    let text = v.value.trim();
    let key = "portal.sources[].feed";
    if text.is_empty() {
        f.bad(
            v,
            key,
            "the feed's address is empty",
            Some("give the address of the council's JSON Feed of vacancies".into()),
        );
        return None;
    }
    match url::Url::parse(text) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Some(FeedAddress::Web(u.to_string())),
        // A Windows path such as C:\feeds\a.json parses as a one-letter scheme.
        Ok(u) if u.scheme().len() > 1 => {
            f.bad(
                v,
                key,
                format!("`{text}` is not a web address or a file path"),
                Some("use an https:// address, or a path to a file in the site folder".into()),
            );
            None
        }
        _ => Some(FeedAddress::File(text.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::FeedAddress;
    use crate::model::config::parse_site;

    fn site(portal: &str) -> String {
        format!(
            "title: C\nbase_url: https://c.example/\norganisation: {{ name: C }}\nlevels: [L]\nteams: [T]\n\
             locations: [{{ name: Hall }}]\nportal:\n{portal}"
        )
    }

    #[test]
    fn a_portal_lists_councils_with_web_or_file_feeds() {
        let s = parse_site(&site(
            "  sources:\n    - name: Northshire County Council\n      feed: https://n.example/jobs/feed.json\n    - name: Southvale\n      feed: feeds/southvale.json\n",
        ))
        .unwrap();
        let p = s.portal.unwrap();
        assert_eq!(p.sources[0].slug, "northshire-county-council");
        assert_eq!(p.sources[0].feed, FeedAddress::Web("https://n.example/jobs/feed.json".into()));
        assert_eq!(p.sources[1].feed, FeedAddress::File("feeds/southvale.json".into()));
        assert_eq!(p.sources[0].domains, ["n.example"]);
        assert!(p.sources[1].domains.is_empty(), "a file feed without a list");
    }

    #[test]
    fn a_source_owns_its_registrable_domain_or_the_domains_it_lists() {
        let s = parse_site(&site(
            "  sources:\n    - name: N\n      feed: https://jobs.northshire.gov.uk/jobs/feed.json\n    - name: S\n      feed: https://s.example/feed.json\n      domains: [southvale.gov.uk, '*.apply.example']\n    - name: L\n      feed: http://127.0.0.1:8000/f.json\n",
        ))
        .unwrap();
        let [n, s, l] = &s.portal.unwrap().sources[..] else { panic!() };
        assert_eq!(n.domains, ["northshire.gov.uk"]);
        assert!(n.owns("https://careers.northshire.gov.uk/jobs/a/") && n.owns("https://northshire.gov.uk/apply"));
        for other in [
            "https://evil.example/x",
            "https://northshire.gov.uk.evil.example/",
            "https://xnorthshire.gov.uk/",
            "https://gov.uk/",
        ] {
            assert!(!n.owns(other), "{other}");
        }
        assert!(
            s.owns("https://jobs.southvale.gov.uk/a")
                && s.owns("https://x.apply.example/")
                && !s.owns("https://s.example/")
        );
        assert_eq!(l.domains, ["127.0.0.1"]);
        assert!(parse_site(&site("  sources: []\n").replace("portal:\n  sources: []\n", "")).unwrap().portal.is_none());
    }

    #[test]
    fn every_mistake_in_the_sources_is_named_at_once() {
        let errs = parse_site(&site(
            "  sources:\n    - name: A\n    - feed: ftp://x.example/f.json\n      name: B\n    - name: C\n      feed: c.json\n    - name: c\n      feed: c2.json\n",
        ))
        .unwrap_err();
        let fields: Vec<_> = errs.iter().map(|d| (d.field.clone().unwrap_or_default(), d.line)).collect();
        assert!(fields.contains(&("portal.sources[].feed".into(), 9)), "{fields:?}");
        assert!(fields.contains(&("portal.sources[].feed".into(), 10)), "{fields:?}");
        assert!(errs.iter().any(|d| d.message.contains("/councils/c/")), "{errs:?}");
    }
}
