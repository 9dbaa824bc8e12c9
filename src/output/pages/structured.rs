//! schema.org data for search engines: a JobPosting on each open vacancy page, and the
//! Organization and WebSite on the home page. Everything in it is also shown on the page.

use crate::model::config::Site;
use crate::model::content::Vacancy;
use crate::output::absolute::absolute_html;
use crate::output::feeds::rfc3339;
use crate::output::feeds::terms::contract_terms;
use serde_json::{json, Value};

/// JSON made safe inside a `<script>` element: `<`, `>` and `&` become `\u` escapes. Those
/// characters can only stand inside a JSON string, where the escape means the same, so the pretty
/// JSON is written whole first and escaped in one pass after: escaping as serde_json wrote each
/// token cost about 3% of a build's instructions.
pub fn script_json(value: &Value) -> String {
    let json = serde_json::to_string_pretty(value).expect("JSON values always serialise");
    let mut out = String::with_capacity(json.len() + json.len() / 8);
    let mut copied = 0;
    for i in memchr::memchr3_iter(b'<', b'>', b'&', json.as_bytes()) {
        let escape = match json.as_bytes()[i] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        };
        // `i` is at an ASCII byte, so both slices end on character boundaries.
        out.push_str(&json[copied..i]);
        out.push_str(escape);
        copied = i + 1;
    }
    out.push_str(&json[copied..]);
    out
}

fn number(n: f64) -> Value {
    match crate::output::format::whole(n) {
        Some(whole) => json!(whole),
        None => json!(n),
    }
}

/// Google's employment types: full or part time from the hours, plus the contract's own term
/// (TEMPORARY for fixed-term, secondment and temporary posts; see `feeds::terms`). One value is
/// a string; more are an array.
pub fn employment_type(v: &Vacancy, site: &Site) -> Value {
    let mut terms: Vec<&str> = v
        .working_pattern
        .iter()
        .map(|p| crate::output::feeds::terms::working_pattern_term(*p, v.hours, site.full_time_hours))
        .collect();
    terms.sort_by_key(|t| *t != "FULL_TIME");
    terms.dedup();
    if let Some(term) = contract_terms(v.contract).job_posting {
        terms.push(term);
    }
    match terms.as_slice() {
        [one] => json!(one),
        _ => json!(terms),
    }
}

fn organisation(site: &Site) -> Value {
    let mut org = json!({ "@type": "Organization", "name": site.organisation.name });
    if let Some(url) = &site.organisation.url {
        org["sameAs"] = json!(url);
    }
    if let Some(logo) = &site.organisation.logo {
        org["logo"] = json!(absolute_asset(site, logo));
    }
    org
}

/// An asset address as an absolute URL: kept if already absolute, else resolved against the site.
pub fn absolute_asset(site: &Site, address: &str) -> String {
    if address.starts_with("http://") || address.starts_with("https://") {
        address.to_string()
    } else {
        site.absolute(address)
    }
}

fn place(site: &Site, i: usize) -> Value {
    let p = &site.locations[i];
    let mut address = json!({ "@type": "PostalAddress", "addressCountry": p.country });
    for (key, value) in [
        ("streetAddress", &p.street),
        ("addressLocality", &p.locality),
        ("addressRegion", &p.region),
        ("postalCode", &p.postcode),
    ] {
        if let Some(v) = value {
            address[key] = json!(v);
        }
    }
    json!({ "@type": "Place", "name": p.name, "address": address })
}

/// The JobPosting for an open vacancy. Its pay is what the post actually pays for its hours (a
/// part-time post's full-time-equivalent figures scaled down), as Google asks; its description
/// is the advert with every address absolute.
pub fn job_posting(v: &Vacancy, site: &Site) -> Value {
    let tz = &site.timezone;
    let pay = v.actual_pay(site.full_time_hours);
    let mut value = json!({ "@type": "QuantitativeValue", "unitText": pay.period.name().to_uppercase() });
    match pay.max {
        Some(max) if max > pay.min => {
            value["minValue"] = number(pay.min);
            value["maxValue"] = number(max);
        }
        _ => value["value"] = number(pay.min),
    }
    let page = crate::output::feeds::page_url(v, site);
    let locations: Vec<Value> = v.locations.iter().map(|&i| place(site, i)).collect();
    let mut posting = json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": v.title,
        "description": format!(
            "{}{}{}",
            crate::output::feeds::own_summary(v)
                .map(|summary| format!("<p>{}</p>", crate::output::feeds::html_text(summary)))
                .unwrap_or_default(),
            absolute_html(&v.body.html, &page),
            crate::output::feeds::statements_html(site, &page)
        ),
        "url": page.as_str(),
        "datePosted": rfc3339(v.posted_at, site),
        "employmentType": employment_type(v, site),
        "hiringOrganization": organisation(site),
        "jobLocation": if locations.len() == 1 { locations[0].clone() } else { json!(locations) },
        "baseSalary": { "@type": "MonetaryAmount", "currency": v.salary.currency, "value": value },
        "identifier": { "@type": "PropertyValue", "name": site.organisation.name, "value": v.reference.value },
        "directApply": false,
    });
    // A rolling advert has no expiry: Google asks for `validThrough` only when there is one.
    if let Some(closes) = v.closes.on() {
        posting["validThrough"] = json!(rfc3339(closes.last_second(tz).timestamp(), site));
    }
    if let Some(extra) = crate::output::format::payments(v) {
        posting["incentiveCompensation"] = json!(extra);
    }
    // What a candidate must have or pass, where the advert says.
    if let Some(registration) = &v.registration {
        posting["qualifications"] = json!(format!("Registration with {registration}"));
    }
    if let Some(dbs) = v.dbs {
        posting["securityClearanceRequirement"] = json!(dbs.label());
    }
    if let Some(sponsor) = v.visa_sponsorship {
        posting["eligibilityToWorkRequirement"] = json!(crate::output::format::visa_sponsorship(sponsor));
    }
    posting
}

/// The Organization and WebSite, for the home page.
pub fn home(site: &Site) -> Vec<Value> {
    let mut org = organisation(site);
    org["@context"] = json!("https://schema.org");
    org["url"] = json!(site.organisation.url.clone().unwrap_or_else(|| site.base_url.clone()));
    let website = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.title,
        "url": site.base_url,
        "inLanguage": site.language,
        "publisher": { "@type": "Organization", "name": site.organisation.name },
    });
    vec![org, website]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let text = script_json(&json!({ "t": "</script><b>&" }));
        assert!(!text.contains("</script"));
        assert!(text.contains("\\u003c/script\\u003e\\u003cb\\u003e\\u0026"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["t"], "</script><b>&");
    }

    #[test]
    fn script_json_escapes_only_inside_strings_and_keeps_the_rest_as_written() {
        let value = json!({ "a": "x < y && y > z", "b": [1, "é"] });
        let text = script_json(&value);
        assert_eq!(
            text,
            "{\n  \"a\": \"x \\u003c y \\u0026\\u0026 y \\u003e z\",\n  \"b\": [\n    1,\n    \"é\"\n  ]\n}"
        );
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
