//! `levels:` and `teams:` in site.yaml: each a name, or a name with the `aliases` other councils'
//! feeds use for it, each making an address that no other may share.

use super::raw::{RawNamedTerm, RawTerm};
use super::Term;
use crate::input::fields::Fields;
use serde_saphyr::Spanned;

/// The checked levels or teams (`key` names which) of site.yaml.
pub(super) fn terms(
    f: &mut Fields,
    list: Option<Spanned<Vec<Spanned<RawTerm>>>>,
    key: &str,
    example: &str,
) -> Option<Vec<Term>> {
    let list = f.required(list, key, example)?;
    if list.value.is_empty() {
        f.bad(&list, key, format!("list at least one of the site's {key}"), None);
        return None;
    }
    let mut out: Vec<Term> = Vec::new();
    let mut ok = true;
    for item in list.value {
        let (referenced, defined) = (item.referenced, item.defined);
        let (name, aliases) = match item.value {
            RawTerm::Name(name) => (Some(Spanned { value: name, referenced, defined }), Vec::new()),
            RawTerm::Named(RawNamedTerm { name, aliases }) => {
                let keys = [("name", name.is_some(), "name: Social Worker")];
                f.required_in_item(&Spanned { value: (), referenced, defined }, key, "entry", &keys);
                let aliases = aliases.map(|a| a.value).unwrap_or_default();
                (name, aliases)
            }
        };
        let Some(span) = name else {
            ok = false;
            continue;
        };
        let Some(name) = f.text(span.clone(), key) else {
            ok = false;
            continue;
        };
        let aliases: Vec<String> = aliases.into_iter().filter_map(|a| f.text(a, &format!("{key}[].aliases"))).collect();
        let slug = slug::slugify(&name);
        if let Some(prev) = out.iter().find(|t| t.slug == slug) {
            let message = format!("`{name}` and `{}` would share the address /jobs/{key}/{slug}/", prev.name);
            f.bad(&span, key, message, Some("give them names that differ in letters or digits".into()));
            ok = false;
        } else if slug.is_empty() {
            f.bad(&span, key, format!("`{name}` has no letters or digits to make an address from"), None);
            ok = false;
        }
        out.push(Term { name, slug, aliases });
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use crate::model::config::parse_site;

    fn site(levels: &str) -> String {
        format!(
            "title: C\nbase_url: https://c.example/\norganisation: {{ name: C }}\nlevels:\n{levels}teams: [T]\n\
             locations: [{{ name: Hall }}]\n"
        )
    }

    #[test]
    fn a_level_may_list_aliases_and_answers_to_each_whatever_the_case() {
        let text = site("  - Team Manager\n  - name: Newly Qualified Social Worker (ASYE)\n    aliases: [Social Worker (ASYE), ASYE]\n");
        let s = parse_site(&text).unwrap();
        assert_eq!(s.levels[0].aliases, Vec::<String>::new());
        assert_eq!(s.levels[1].name, "Newly Qualified Social Worker (ASYE)");
        assert!(s.levels[1].answers_to("social worker  (asye)"));
        assert!(s.levels[1].answers_to("Newly Qualified Social Worker (ASYE)"));
        assert!(!s.levels[1].answers_to("Social Worker"));
    }

    #[test]
    fn a_level_with_aliases_needs_a_name_and_its_keys_are_checked() {
        let errs = parse_site(&site("  - aliases: [ASYE]\n")).unwrap_err();
        assert!(errs.iter().any(|d| d.message.contains("name")), "{errs:?}");
        let errs = parse_site(&site("  - name: ASYE\n    alias: [NQSW]\n")).unwrap_err();
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `aliases`?"), "{errs:?}");
    }
}
