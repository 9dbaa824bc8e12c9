//! How a job board that keeps each advert for a fixed time carries a vacancy over the days (DWP
//! Find a job keeps an advert at most 30 days from its first upload): which posting is live on a
//! day, its expiry, and when the board's files next change for a vacancy. The Find a job files
//! are written from this; `publish::next_change` asks it when they next change by themselves.

use crate::model::config::Site;
use crate::model::content::Vacancy;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// Days an advert lives on Find a job at most, counted from its first upload.
pub const MAX_LIVE_DAYS: i64 = 30;
/// Days between reposts of a long-running vacancy under a new reference.
pub const DAYS_BETWEEN_REPOSTS: i64 = 31;
/// Days after closing that a vacancy stays in the file of adverts to take down, so that a
/// missed daily import still removes it.
pub const EXPIRE_FOR_DAYS: i64 = 7;

/// The workplace Find a job is told about: the first of the vacancy's workplaces that has a
/// postcode (Find a job drops a vacancy without one).
pub fn workplace(v: &Vacancy, site: &Site) -> Option<usize> {
    v.locations.iter().copied().find(|&i| site.locations[i].postcode.is_some())
}

/// Whether Find a job's files can hold `v`: public, the site's own (not a portal's copy), with a
/// workplace that has a postcode.
pub fn can_take(v: &Vacancy, site: &Site) -> bool {
    !v.internal_only && v.source.is_none() && workplace(v, site).is_some()
}

/// The advert a vacancy has on Find a job on `day`: which repost it is, its reference, and
/// the day that repost was first uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub version: i64,
    pub reference: String,
    pub since: Date,
}

/// The day `v` was posted, in the site's zone `tz`.
fn posted_day(v: &Vacancy, tz: &TimeZone) -> Date {
    v.posted_at.to_zoned(tz.clone()).date()
}

/// The posting of `v` on `day` (a date in the site's zone `tz`).
pub fn posting(v: &Vacancy, tz: &TimeZone, day: Date) -> Posting {
    let posted = posted_day(v, tz);
    let days = (day - posted).get_days().max(0) as i64;
    let version = days / DAYS_BETWEEN_REPOSTS;
    let reference = if version == 0 { v.reference.value.clone() } else { format!("{}-{version}", v.reference.value) };
    let since = posted.checked_add((version * DAYS_BETWEEN_REPOSTS).days()).unwrap_or(posted);
    Posting { version, reference, since }
}

/// The expiry to send for a posting: the vacancy's closing date when it falls within the
/// posting's 30 days, else none (Find a job then keeps it its full 30 days, and the repost
/// takes over the day after; a rolling advert is reposted for as long as it is open).
pub fn expiry(v: &Vacancy, posting: &Posting) -> Option<Date> {
    let closes = v.closes.on()?.date();
    let first = posting.since.checked_add(1.day()).ok()?;
    let last = posting.since.checked_add(MAX_LIVE_DAYS.days()).ok()?;
    (first..=last).contains(&closes).then_some(closes)
}

/// Whether `v` is in the file of adverts to take down on `day`: it closed within the last
/// [`EXPIRE_FOR_DAYS`] days.
pub fn in_expired_file(v: &Vacancy, day: Date) -> bool {
    v.closes.on().is_some_and(|c| (0..=EXPIRE_FOR_DAYS).contains(&((day - c.date()).get_days() as i64)))
}

/// The first moment after `after` at which the Find a job files change for `v` by the turn of a
/// day alone: the start of its next repost while it is open, and the day it leaves the file of
/// adverts to take down.
pub fn next_change(v: &Vacancy, tz: &TimeZone, after: Timestamp) -> Option<Timestamp> {
    let midnight = |day: Date| day.to_zoned(tz.clone()).ok().map(|z| z.timestamp());
    let open = v.closes_at.is_none_or(|c| c > after) && v.posted_at <= after;
    let repost = open
        .then(|| posting(v, tz, after.to_zoned(tz.clone()).date()).since.checked_add(DAYS_BETWEEN_REPOSTS.days()).ok())
        .flatten()
        .and_then(midnight)
        .filter(|t| v.closes_at.is_none_or(|c| *t < c));
    let leaves_expired = v.closes.on().and_then(|c| c.date().checked_add((EXPIRE_FOR_DAYS + 1).days()).ok());
    repost.into_iter().chain(leaves_expired.and_then(midnight)).filter(|t| *t > after).min()
}
