//! Checking `site.yaml`: every key of the raw file turned into the `Site`, with every mistake
//! reported at its line.

use super::raw::*;
use super::*;
use crate::diagnostics::Diagnostic;
use crate::input::fields::Fields;
use crate::input::yaml::{self, Origin};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;

/// Reads and checks the text of `site.yaml`.
pub fn parse_site(text: &str) -> Result<Site, Vec<Diagnostic>> {
    let origin = Origin { file: SITE_FILE, first_line: 1 };
    let (raw, mut f) = Fields::after_keys(origin, yaml::parse::<RawSite>(text, origin, SCHEMA)?);
    let RawSite {
        title,
        base_url,
        language,
        timezone,
        currency,
        full_time_hours,
        salary_floor,
        editor_schemas,
        theme,
        organisation,
        levels,
        teams,
        locations,
        brand,
        reference_pattern,
        page_size,
        content_security_policy,
        share_image,
        reviewed_static_files,
        find_a_job_category,
        statements,
        defaults,
        portal,
    } = raw;
    let title = f.required_text(title, "title", "Children's Services Careers");
    let base_url = f.required(base_url, "base_url", "https://careers.example.gov.uk/").and_then(|v| {
        let normalised = normalise_base_url(&v.value);
        if normalised.is_none() {
            f.bad(
                &v,
                "base_url",
                format!("`{}` is not an absolute web address", v.value),
                Some("start it with https://".into()),
            );
        }
        normalised
    });
    let language = f.optional_text(language, "language").unwrap_or_else(|| "en-GB".to_string());
    let (timezone, timezone_name) = match timezone {
        None => (TimeZone::get("Europe/London").ok(), "Europe/London".to_string()),
        Some(v) => match TimeZone::get(v.value.trim()) {
            Ok(tz) => (Some(tz), v.value.trim().to_string()),
            Err(_) => {
                f.bad(
                    &v,
                    "timezone",
                    format!("unknown time zone `{}`", v.value),
                    Some("use an IANA name such as Europe/London".into()),
                );
                (None, String::new())
            }
        },
    };
    let currency = match currency {
        None => "GBP".to_string(),
        Some(v) => currency_code(&mut f, &v, "currency").unwrap_or_default(),
    };
    let full_time_hours = full_time_hours.map_or(Some(37.0), |v| f.positive(&v, "full_time_hours"));
    let salary_floor = salary_floor.map_or(Some(DEFAULT_SALARY_FLOOR), |v| f.positive(&v, "salary_floor"));
    let editor_schemas = editor_schemas.and_then(|v| {
        let folder = v.value.trim().trim_end_matches('/').to_string();
        let inside = !folder.is_empty() && folder.split('/').all(is_folder_name);
        if !inside {
            let hint = "name a folder inside the site, such as `schemas` (no .., \\ or leading /)";
            f.bad(&v, "editor_schemas", format!("`{folder}` is not a folder inside the site"), Some(hint.into()));
        }
        inside.then_some(folder)
    });
    let theme = match theme {
        Some(value) if !is_folder_name(value.value.trim()) => {
            f.bad(
                &value,
                "theme",
                format!("`{}` is not the name of a folder under themes/", value.value.trim()),
                Some("write just the folder's name, such as `theme: council`, with no / or ..".into()),
            );
            None
        }
        value => Some(f.optional_text(value, "theme").unwrap_or_else(|| "default".to_string())),
    };
    let organisation = super::organisation::organisation(&mut f, organisation);
    let levels = super::terms::terms(&mut f, levels, "levels", "[Social Worker, Senior Practitioner, Team Manager]");
    let teams = super::terms::terms(&mut f, teams, "teams", "[Fostering, Looked After Children]");
    let locations = places(&mut f, locations);
    let brand = brand.map_or_else(
        || Some(Brand { primary: "#1d4f91".into(), primary_text: "#ffffff".into(), accent: "#ffdd00".into() }),
        |b| {
            let RawBrand { primary, primary_text, accent } = b.value;
            Some(Brand {
                primary: colour(&mut f, primary, "brand.primary", "#1d4f91")?,
                primary_text: colour(&mut f, primary_text, "brand.primary_text", "#ffffff")?,
                accent: colour(&mut f, accent, "brand.accent", "#ffdd00")?,
            })
        },
    );
    let reference_pattern = match reference_pattern {
        Some(p) if crate::model::reference::Pattern::parse(p.value.trim()).is_some() => {
            Some(p.value.trim().to_string())
        }
        Some(p) => {
            f.bad(
                &p,
                "reference_pattern",
                format!("`{}` has no {{n}} for the number", p.value),
                Some(
                    "write it like \"KVC-{year}-{n:03}\": {year} is the year, {n:03} a number of at least 3 digits"
                        .into(),
                ),
            );
            None
        }
        None => {
            organisation.as_ref().map(|o| format!("{}-{{year}}-{{n:03}}", crate::model::reference::initials(&o.name)))
        }
    };
    let page_size = match page_size {
        None => Some(DEFAULT_PAGE_SIZE),
        Some(p) if p.value >= 1 => Some(p.value as usize),
        Some(p) => {
            f.bad(&p, "page_size", "a page must show at least one vacancy", None);
            None
        }
    };
    let mut additions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut policy_ok = true;
    for (directive, sources) in content_security_policy.map(|c| c.value).unwrap_or_default() {
        for source in sources {
            let text = source.value.trim().to_string();
            match crate::model::csp::refuse(&directive, &text) {
                Some((message, hint)) => {
                    f.bad(&source, &format!("content_security_policy.{directive}"), message, Some(hint));
                    policy_ok = false;
                }
                None => additions.entry(directive.clone()).or_default().push(text),
            }
        }
    }
    let share_image = share_image.and_then(|v| {
        let text = v.value.trim();
        let lower = text.to_ascii_lowercase();
        let raster = [".png", ".jpg", ".jpeg"].iter().any(|ext| lower.ends_with(ext));
        if !raster {
            f.bad(
                &v,
                "share_image",
                format!("`{text}` is not a PNG or JPEG image"),
                Some(
                    "LinkedIn, Facebook and X show only raster images: save a 1200 by 630 PNG or JPEG in static/"
                        .into(),
                ),
            );
            return None;
        }
        if crate::input::address::classify(text) != Ok(crate::input::address::Kind::Path) || text.contains("..") {
            f.bad(
                &v,
                "share_image",
                format!("`{text}` is not an address on this site"),
                Some("put the image in static/ and write its address from there, such as /images/share.png".into()),
            );
            return None;
        }
        Some(format!("/{}", text.trim_start_matches('/')))
    });
    let find_a_job_category = find_a_job_category.map(|v| v.value);
    let statements = statements_of(&mut f, statements);
    let defaults = defaults::defaults_of(&mut f, defaults, levels.as_deref(), teams.as_deref());
    let portal = super::portal::portal_of(&mut f, portal);
    let policy_additions = policy_ok.then_some(additions);
    let site = (|| {
        Some(Site {
            title: title?,
            root_path: root_path(base_url.as_deref()?),
            base_url: base_url?,
            language,
            timezone: timezone?,
            timezone_name,
            currency,
            full_time_hours: full_time_hours?,
            salary_floor: salary_floor?,
            editor_schemas,
            theme: theme?,
            organisation: organisation?,
            levels: levels?,
            teams: teams?,
            locations: locations?,
            brand: brand?,
            reference_pattern: reference_pattern?,
            page_size: page_size?,
            policy_additions: policy_additions?,
            share_image,
            reviewed_static_files: reviewed_static_files
                .map(|v| v.value.into_iter().map(|f| f.value.trim().trim_start_matches('/').to_string()).collect())
                .unwrap_or_default(),
            find_a_job_category,
            statements: statements?,
            defaults: defaults?,
            portal: portal?,
        })
    })();
    f.finish(site)
}

/// `statements:`: each needs a title and a text; the text is markdown, made safe as every body is.
fn statements_of(f: &mut Fields, list: Option<Spanned<Vec<Spanned<RawStatement>>>>) -> Option<Vec<Statement>> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in list.map(|l| l.value).unwrap_or_default() {
        let keys = [
            ("title", item.value.title.is_some(), "title: Keeping children safe"),
            ("text", item.value.text.is_some(), "text: We follow safer recruitment practice."),
        ];
        f.required_in_item(&item, "statements", "statement", &keys);
        let RawStatement { title, text } = item.value;
        let title = title.and_then(|t| f.text(t, "statements[].title"));
        let text = text.and_then(|t| f.text(t, "statements[].text"));
        match (title, text) {
            (Some(title), Some(text)) => {
                let rendered = crate::input::markdown::render(&text);
                let plain = crate::input::html_text::to_plain_text(&rendered.html);
                out.push(Statement { title, html: rendered.html, plain });
            }
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

fn currency_code(f: &mut Fields, v: &Spanned<String>, key: &str) -> Option<String> {
    let code = v.value.trim();
    if iso_currency::Currency::from_code(code).is_some() {
        Some(code.to_string())
    } else {
        f.bad(
            v,
            key,
            format!("`{code}` is not a currency code"),
            Some("use an ISO 4217 code in capital letters, such as GBP".into()),
        );
        None
    }
}

fn colour(f: &mut Fields, v: Option<Spanned<String>>, key: &str, default: &str) -> Option<String> {
    let Some(v) = v else { return Some(default.to_string()) };
    let text = v.value.trim();
    let ok = text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        Some(text.to_ascii_lowercase())
    } else {
        f.bad(
            &v,
            key,
            format!("`{text}` is not a colour"),
            Some("write six hex digits after #, in quotes, such as \"#1d4f91\"".into()),
        );
        None
    }
}

fn places(f: &mut Fields, list: Option<Spanned<Vec<Spanned<RawPlace>>>>) -> Option<Vec<Place>> {
    let list = f.required(list, "locations", "[{ name: County Hall, postcode: NS1 1AA, country: GB }]")?;
    let mut out: Vec<Place> = Vec::new();
    let mut ok = !list.value.is_empty();
    if !ok {
        f.bad(&list, "locations", "list at least one workplace", None);
    }
    for item in list.value {
        let RawPlace { name, street, locality, region, postcode, country } = item.value;
        let name_span = name.clone();
        let name = f.required_text(name, "locations[].name", "County Hall");
        let country = country.map_or(Some("GB".to_string()), |c| {
            let code = c.value.trim();
            if code.len() == 2 && code.chars().all(|ch| ch.is_ascii_uppercase()) {
                Some(code.to_string())
            } else {
                f.bad(
                    &c,
                    "locations[].country",
                    format!("`{code}` is not a country code"),
                    Some("use two capital letters, such as GB".into()),
                );
                None
            }
        });
        let place = (|| {
            let name = name?;
            Some(Place {
                slug: slug::slugify(&name),
                name,
                street: street.map(|s| s.value.trim().to_string()),
                locality: locality.map(|s| s.value.trim().to_string()),
                region: region.map(|s| s.value.trim().to_string()),
                postcode: postcode.map(|s| s.value.trim().to_string()),
                country: country?,
            })
        })();
        match (place, name_span) {
            (Some(p), Some(span)) => {
                if let Some(prev) = out.iter().find(|o| o.slug == p.slug) {
                    let message =
                        format!("`{}` and `{}` would share the address /jobs/locations/{}/", p.name, prev.name, p.slug);
                    f.bad(&span, "locations[].name", message, None);
                    ok = false;
                }
                out.push(p);
            }
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: Careers\nbase_url: https://example.org\norganisation:\n  name: Council\nlevels: [Social Worker]\nteams: [Fostering]\nlocations:\n  - name: Hall\n";

    #[test]
    fn fills_defaults_and_normalises_the_base_url() {
        let site = parse_site(MINIMAL).unwrap();
        assert_eq!(site.base_url, "https://example.org/");
        assert_eq!(site.language, "en-GB");
        assert_eq!(site.timezone_name, "Europe/London");
        assert_eq!(site.full_time_hours, 37.0);
        assert_eq!(site.currency, "GBP");
        assert_eq!(site.levels[0].slug, "social-worker");
    }

    #[test]
    fn a_statement_needs_a_title_and_a_text_and_its_markdown_is_made_safe() {
        let site = |statements: &str| {
            parse_site(&format!(
                "title: C\nbase_url: https://c.example/\norganisation: {{ name: C }}\nlevels: [L]\nteams: [T]\n\
                 locations: [{{ name: Hall }}]\nstatements:\n{statements}"
            ))
        };
        let errs = site("  - title: Keeping children safe\n").unwrap_err();
        let missing = errs.iter().find(|d| d.field.as_deref() == Some("statements[].text")).expect("text is named");
        assert_eq!(missing.line, 8, "{missing:?}");
        let ok = site("  - title: Equality\n    text: \"We **welcome** everyone. <script>x()</script>\"\n").unwrap();
        assert_eq!(ok.statements.len(), 1);
        assert!(ok.statements[0].html.contains("<strong>welcome</strong>"), "{}", ok.statements[0].html);
        assert!(!ok.statements[0].html.contains("<script"), "{}", ok.statements[0].html);
        assert!(ok.statements[0].plain.starts_with("We welcome everyone."), "{}", ok.statements[0].plain);
    }

    #[test]
    fn reports_every_missing_key_at_once() {
        let errs = parse_site("title: Careers\n").unwrap_err();
        let fields: Vec<_> = errs.iter().filter_map(|d| d.field.clone()).collect();
        for key in ["base_url", "organisation", "levels", "teams", "locations"] {
            assert!(fields.contains(&key.to_string()), "{key} missing from {fields:?}");
        }
    }

    #[test]
    fn unknown_keys_and_bad_values_are_named() {
        let text = MINIMAL.replace("title:", "titel:");
        let errs = parse_site(&text).unwrap_err();
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
        let text = format!("{MINIMAL}timezone: Europe/Londn\n");
        let errs = parse_site(&text).unwrap_err();
        assert_eq!(errs[0].field.as_deref(), Some("timezone"));
        assert_eq!(errs[0].line, 9);
    }
}
