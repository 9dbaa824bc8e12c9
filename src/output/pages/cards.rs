//! The cards listings show, each rendered once and kept while its vacancy and the day stay the
//! same: shared by every listing of a build, and by the preview's plans after vacancy edits (which
//! keep the site's settings and theme), so a listing rendered on request after an edit renders the
//! edited vacancy's card alone.

use crate::model::content::Vacancy;
use jiff::civil::Date;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Cards made with one site's settings and theme, by vacancy name.
#[derive(Default)]
pub struct Cards {
    kept: RwLock<HashMap<Box<str>, Kept>>,
}

/// One card and what it was made from. Holding the vacancy keeps its address from being reused
/// by another vacancy while the card is kept, so the same address means the same vacancy.
struct Kept {
    vacancy: Arc<Vacancy>,
    /// A card says "Closes today", "Closes tomorrow": it holds for the day it was made on.
    day: Date,
    html: Arc<str>,
}

impl Kept {
    /// Whether this is the card of vacancy `v` (that very value) on `day`.
    fn is_for(&self, v: &Vacancy, day: Date) -> bool {
        std::ptr::eq(&*self.vacancy, v) && self.day == day
    }
}

impl Cards {
    /// The card kept for vacancy `v` on `day`, if there is one.
    pub fn get(&self, v: &Vacancy, day: Date) -> Option<Arc<str>> {
        let kept = self.kept.read().unwrap_or_else(|e| e.into_inner());
        kept.get(v.stem.as_str()).filter(|k| k.is_for(v, day)).map(|k| k.html.clone())
    }

    /// Keeps `html` as the card of `vacancy` on `day`, and returns the card kept: the one already
    /// there when another thread made the same card first (both made the same bytes).
    pub fn keep(&self, vacancy: &Arc<Vacancy>, day: Date, html: Arc<str>) -> Arc<str> {
        let mut kept = self.kept.write().unwrap_or_else(|e| e.into_inner());
        match kept.get(vacancy.stem.as_str()) {
            Some(k) if k.is_for(vacancy, day) => k.html.clone(),
            _ => {
                let k = Kept { vacancy: vacancy.clone(), day, html: html.clone() };
                kept.insert(vacancy.stem.as_str().into(), k);
                html
            }
        }
    }
}
