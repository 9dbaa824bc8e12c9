//! A council's feed read as JSON Feed 1.1 with the `_vacancy` extension jobsite publishes: each
//! item checked on its own, so one bad item is skipped (and named) without losing the rest.

use crate::input::address::{publishable, Kind};
use crate::input::council_feeds::FeedCopy;
use crate::input::fields::MAX_TITLE_CHARS;
use crate::model::config::Dbs;
use crate::model::config::FeedSource;
use crate::model::content::{Contract, Payment, Period, Salary, WorkingPattern};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::Deserialize;

/// A vacancy as a council's feed gives it, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    pub id: String,
    /// The council's own page for it.
    pub url: String,
    pub title: String,
    pub content_html: String,
    pub summary: String,
    pub published: Timestamp,
    pub modified: Timestamp,
    pub reference: String,
    pub level: String,
    pub team: String,
    pub locations: Vec<FeedPlace>,
    /// As advertised (full-time-equivalent figures for a part-time post).
    pub salary: Salary,
    pub hours: f64,
    pub contract: Contract,
    pub working_pattern: Vec<WorkingPattern>,
    pub payments: Vec<Payment>,
    pub hybrid: bool,
    /// The last second applications are taken; `None` for a rolling advert.
    pub closes: Option<Timestamp>,
    pub apply_url: String,
    pub shortlisting: Option<Date>,
    pub interviews: Vec<Date>,
    pub dbs: Option<Dbs>,
    pub registration: Option<String>,
    pub visa_sponsorship: Option<bool>,
    pub driving: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FeedPlace {
    pub name: String,
    pub street: Option<String>,
    pub locality: Option<String>,
    pub region: Option<String>,
    pub postcode: Option<String>,
    #[serde(default = "gb")]
    pub country: String,
}

fn gb() -> String {
    "GB".into()
}

#[derive(Deserialize)]
struct RawPage {
    version: String,
    items: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct RawItem {
    id: String,
    url: String,
    title: String,
    #[serde(default)]
    content_html: String,
    #[serde(default)]
    summary: String,
    date_published: String,
    date_modified: Option<String>,
    _vacancy: RawExtension,
}

#[derive(Deserialize)]
struct RawExtension {
    reference: String,
    level: String,
    team: String,
    locations: Vec<FeedPlace>,
    salary: RawSalary,
    hours: f64,
    contract: String,
    #[serde(default)]
    working_pattern: Vec<String>,
    #[serde(default)]
    payments: Vec<RawPayment>,
    #[serde(default)]
    hybrid: bool,
    closes: Option<String>,
    #[serde(default)]
    rolling: bool,
    apply_url: String,
    shortlisting: Option<String>,
    #[serde(default)]
    interviews: Vec<String>,
    dbs: Option<String>,
    registration: Option<String>,
    visa_sponsorship: Option<bool>,
    #[serde(default)]
    driving: bool,
}

#[derive(Deserialize)]
struct RawSalary {
    min: f64,
    max: Option<f64>,
    period: String,
    currency: String,
    note: Option<String>,
}

#[derive(Deserialize)]
struct RawPayment {
    amount: f64,
    description: String,
    note: Option<String>,
}

/// The longest a short text of an item may be (a reference, a level, a place's name): as long
/// as a title may be in the site's own adverts.
pub const MAX_TEXT_CHARS: usize = MAX_TITLE_CHARS;
/// The longest an item's summary may be.
pub const MAX_SUMMARY_CHARS: usize = 2_000;
/// The largest an item's advert text may be: as large as a long advert written by hand, many
/// times over.
pub const MAX_CONTENT_BYTES: usize = 256 * 1024;
/// The most places, payments or interview days one item may list.
pub const MAX_LIST: usize = 20;
/// The largest amount of money an item may name (a salary or a payment, in any period).
pub const MAX_AMOUNT: f64 = 10_000_000.0;

/// At most 60 characters of a council's text, to name it in a message without repeating a feed
/// at length in the build log.
fn shown(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The items of every page of `copy` from `source`, checked, and a sentence for each item left
/// out. Fails when a page is not a JSON Feed at all.
pub fn items(copy: &FeedCopy, source: &FeedSource) -> Result<(Vec<FeedItem>, Vec<String>), String> {
    let mut items = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut skipped = Vec::new();
    for page in &copy.pages {
        let raw: RawPage = serde_json::from_str(&page.body).map_err(|_| format!("{} is not a JSON Feed", page.url))?;
        if !raw.version.starts_with("https://jsonfeed.org/version/1") {
            return Err(format!("{} is not a JSON Feed (its version is `{}`)", page.url, shown(&raw.version)));
        }
        for (n, value) in raw.items.into_iter().enumerate() {
            let id = value.get("id").and_then(|v| v.as_str()).map(shown);
            let named =
                || id.clone().map_or_else(|| format!("item {} of {}", n + 1, page.url), |id| format!("item `{id}`"));
            let checked = serde_json::from_value::<RawItem>(value)
                .map_err(|e| shown(&e.to_string()))
                .and_then(|raw| check(raw, source));
            match checked {
                Ok(item) if !ids.insert(item.id.clone()) => {
                    skipped.push(format!("{} appears twice; the second is left out", named()))
                }
                Ok(item) => items.push(item),
                Err(why) => skipped.push(format!("{} is left out: {why}", named())),
            }
        }
    }
    Ok((items, skipped))
}

/// Refuses a text longer than `limit` characters.
fn within(what: &str, text: &str, limit: usize) -> Result<(), String> {
    match text.chars().count() {
        n if n > limit => Err(format!("its {what} is {n} characters long (the limit is {limit})")),
        _ => Ok(()),
    }
}

/// Checks the lengths of an item's texts and lists, before anything else is made of them.
fn limits(raw: &RawItem) -> Result<(), String> {
    let v = &raw._vacancy;
    for (what, text) in [
        ("id", &raw.id),
        ("title", &raw.title),
        ("reference", &v.reference),
        ("level", &v.level),
        ("team", &v.team),
        ("contract", &v.contract),
        ("url", &raw.url),
        ("apply_url", &v.apply_url),
    ] {
        within(what, text, MAX_TEXT_CHARS)?;
    }
    within("summary", &raw.summary, MAX_SUMMARY_CHARS)?;
    if raw.content_html.len() > MAX_CONTENT_BYTES {
        return Err(format!("its advert text is larger than {} KB", MAX_CONTENT_BYTES / 1024));
    }
    for (what, n) in
        [("places", v.locations.len()), ("payments", v.payments.len()), ("interview days", v.interviews.len())]
    {
        if n > MAX_LIST {
            return Err(format!("it lists {n} {what} (the limit is {MAX_LIST})"));
        }
    }
    for place in &v.locations {
        for text in [
            Some(&place.name),
            place.street.as_ref(),
            place.locality.as_ref(),
            place.region.as_ref(),
            place.postcode.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            within("place", text, MAX_TEXT_CHARS)?;
        }
        within("country", &place.country, 2)?;
    }
    for payment in &v.payments {
        within("payment's description", &payment.description, MAX_TEXT_CHARS)?;
    }
    Ok(())
}

/// Whether `amount` is a believable sum of money: a number from 0 to [`MAX_AMOUNT`].
fn believable(amount: f64) -> bool {
    amount.is_finite() && (0.0..=MAX_AMOUNT).contains(&amount)
}

fn check(raw: RawItem, source: &FeedSource) -> Result<FeedItem, String> {
    limits(&raw)?;
    let RawItem { id, url, title, content_html, summary, date_published, date_modified, _vacancy: v } = raw;
    let RawExtension {
        reference,
        level,
        team,
        locations,
        salary,
        hours,
        contract,
        working_pattern,
        payments,
        hybrid,
        closes,
        rolling,
        apply_url,
        shortlisting,
        interviews,
        dbs,
        registration,
        visa_sponsorship,
        driving,
    } = v;
    let foreign = |what: &str, text: &str| {
        format!("its {what} `{}` is not on the council's own domains ({})", shown(text), source.domains.join(", "))
    };
    let web = |what: &str, text: &str| match publishable(text) {
        Ok((Kind::Web, published)) if source.owns(published) => Ok(published.to_string()),
        Ok((Kind::Web, _)) => Err(foreign(what, text)),
        _ => Err(format!("its {what} `{}` is not a web address", shown(text))),
    };
    let url = web("url", &url)?;
    let apply_url = match publishable(&apply_url) {
        Ok((Kind::Web, published)) if source.owns(published) => published.to_string(),
        Ok((Kind::Web, _)) => return Err(foreign("apply_url", &apply_url)),
        Ok((Kind::Mail, published)) => published.to_string(),
        _ => return Err(format!("its apply_url `{}` is not a web or mailto: address", shown(&apply_url))),
    };
    if iso_currency::Currency::from_code(salary.currency.trim()).is_none() {
        return Err(format!("its salary currency `{}` is not an ISO 4217 code such as GBP", shown(&salary.currency)));
    }
    if payments.iter().any(|p| !believable(p.amount)) {
        return Err("a payment's amount is not a sum from 0 to 10,000,000".into());
    }
    let nonempty = |what: &str, text: String| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            Err(format!("it has no {what}"))
        } else {
            Ok(t)
        }
    };
    let moment = |what: &str, text: &str| {
        text.parse::<Timestamp>().map_err(|_| format!("its {what} `{text}` is not an RFC 3339 date and time"))
    };
    let day = |what: &str, text: &str| text.parse::<Date>().map_err(|_| format!("its {what} `{text}` is not a date"));
    let choice = |what: &str, text: &str, names: &[&str]| {
        names
            .iter()
            .position(|n| *n == text)
            .ok_or_else(|| format!("its {what} `{text}` is not one of {}", names.join(", ")))
    };
    if !(salary.min > 0.0 && believable(salary.min)) || salary.max.is_some_and(|m| !(m >= salary.min && believable(m)))
    {
        return Err("its salary figures are not believable".into());
    }
    if !(hours > 0.0 && hours <= 100.0) {
        return Err(format!("its hours ({hours}) are not believable"));
    }
    let published = moment("date_published", &date_published)?;
    let closes = match (closes, rolling) {
        (Some(c), _) => Some(moment("closing date", &c)?),
        (None, true) => None,
        (None, false) => return Err("it has no closing date and is not rolling".into()),
    };
    Ok(FeedItem {
        id: nonempty("id", id)?,
        url,
        title: nonempty("title", title)?,
        content_html,
        summary: summary.trim().to_string(),
        modified: match date_modified {
            Some(m) => moment("date_modified", &m)?.max(published),
            None => published,
        },
        published,
        reference: nonempty("reference", reference)?,
        level: nonempty("level", level)?,
        team: nonempty("team", team)?,
        locations: if locations.is_empty() { return Err("it has no location".into()) } else { locations },
        salary: Salary {
            min: salary.min,
            max: salary.max,
            period: Period::ALL[choice("salary period", &salary.period, &Period::NAMES)?],
            currency: salary.currency,
            note: salary.note,
        },
        hours,
        contract: Contract::ALL[choice("contract", &contract, &Contract::NAMES)?],
        working_pattern: working_pattern
            .iter()
            .map(|p| choice("working pattern", p, &WorkingPattern::NAMES).map(|i| WorkingPattern::ALL[i]))
            .collect::<Result<_, _>>()?,
        payments: payments
            .into_iter()
            .map(|p| Payment { amount: p.amount, description: p.description, note: p.note })
            .collect(),
        hybrid,
        closes,
        apply_url,
        shortlisting: shortlisting.as_deref().map(|s| day("shortlisting date", s)).transpose()?,
        interviews: interviews.iter().map(|s| day("interview date", s)).collect::<Result<_, _>>()?,
        dbs: dbs.as_deref().map(|d| choice("dbs", d, &Dbs::NAMES).map(|i| Dbs::ALL[i])).transpose()?,
        registration,
        visa_sponsorship,
        driving,
    })
}
