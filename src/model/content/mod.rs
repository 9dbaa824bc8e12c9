//! The content model: the checked, read-only `Library` of everything a site folder holds.

pub mod articles;
pub mod campaign;
mod document;
mod kind;
mod listing;
mod load;
pub mod story;
pub mod vacancy;

pub use articles::{Benefit, Event, News, Page};
pub use campaign::Campaign;
pub use kind::Kind;
pub use load::{load, load_partial, reload_vacancies, FailedFile, Loaded, HOME_STEM};
#[cfg(test)]
pub use load::{RESERVED_JOB_STEMS, RESERVED_PAGE_STEMS};
pub use story::Story;
pub use vacancy::{Closes, Contract, Payment, Period, Salary, Sourced, Vacancy, WorkingPattern};

use crate::model::config::Site;

/// A value with the place in its file it was written, for later cross-checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub line: usize,
    pub column: usize,
}

/// Where each top-level front-matter key of a file was written, kept from the YAML reading so
/// later checks (the lints of `jobsite check`) point at the right line without reading the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions(Vec<(&'static str, usize, usize)>);

impl Positions {
    /// Records where `key` was written, if it was.
    pub fn note<T>(
        &mut self,
        key: &'static str,
        value: Option<&serde_saphyr::Spanned<T>>,
        origin: crate::input::yaml::Origin,
    ) {
        if let Some(v) = value {
            let (line, column) = crate::input::yaml::line_of(v, origin);
            self.0.push((key, line, column));
        }
    }

    /// The line and column of `key`, or the file's first line when it was not written.
    pub fn of(&self, key: &str) -> (usize, usize) {
        self.0.iter().find(|(k, ..)| *k == key).map_or((1, 1), |&(_, line, column)| (line, column))
    }
}

/// Everything the site folder holds, checked. Read-only once loaded; each list is in the order of
/// its files (`role-2.md` before `role.md`), a portal's vacancies by their source and then stem.
#[derive(Debug, Clone)]
pub struct Library {
    pub site: Site,
    /// Shared, so the preview server can copy the library cheaply when one vacancy changes.
    pub vacancies: Vec<std::sync::Arc<Vacancy>>,
    pub campaigns: Vec<Campaign>,
    pub stories: Vec<Story>,
    pub benefits: Vec<Benefit>,
    pub news: Vec<News>,
    pub events: Vec<Event>,
    pub pages: Vec<Page>,
    /// `content/_index.md`: the home page's own title, summary and words, when there is one.
    pub home: Option<Page>,
}

impl Library {
    /// Where the vacancy of `content/jobs/<stem>.md` is in `vacancies`, found by its file (the
    /// list's order) rather than by comparing every vacancy's name.
    pub fn vacancy_position(&self, stem: &str) -> Option<usize> {
        let file = vacancy_file(stem);
        self.vacancies.binary_search_by(|v| v.file.as_str().cmp(&file)).ok()
    }

    /// The shared copy of `v`, one of this library's vacancies (the list is in file order, then
    /// by name for a portal's vacancies from one source).
    pub fn shared(&self, v: &Vacancy) -> Option<&std::sync::Arc<Vacancy>> {
        fn key(x: &Vacancy) -> (&str, &str) {
            (&x.file, &x.stem)
        }
        let at = self.vacancies.binary_search_by(|x| key(x).cmp(&key(v))).ok()?;
        Some(&self.vacancies[at]).filter(|x| std::ptr::eq(&***x, v))
    }
}

/// The file a vacancy of the site's own is read from, as vacancies name it (forward slashes).
pub fn vacancy_file(stem: &str) -> String {
    format!("content/jobs/{stem}.md")
}
