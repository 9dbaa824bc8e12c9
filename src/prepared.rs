//! A loaded site planned at one moment, owned as one value: the library, theme and rules, with the
//! selection, renderer and planned outputs that borrow them. Build, check and the preview all start
//! from it; the preview keeps it, so a pending page is rendered on request without planning again.

use crate::content::Library;
use crate::diagnostics::Diagnostic;
use crate::plan::{self, Output};
use crate::publish::{self, Rules, Selection};
use crate::render::{self, Renderer};
use crate::theme::Theme;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// What a plan is made from.
pub struct Loaded {
    pub library: Library,
    pub theme: Arc<Theme>,
    pub rules: Rules,
}

/// The plan of one build: what is published, every output with what it depends on, and the
/// renderer that turns each into bytes.
pub struct Planned<'a> {
    pub renderer: Renderer<'a>,
    pub outputs: Vec<Output<'a>>,
    by_path: HashMap<String, usize>,
}

impl<'a> Planned<'a> {
    pub fn selection(&self) -> &Selection<'a> {
        &self.renderer.selection
    }

    /// The planned output written at `path` (under the output folder).
    pub fn output(&self, path: &str) -> Option<&Output<'a>> {
        self.by_path.get(path).map(|&i| &self.outputs[i])
    }

    /// The bytes of one planned output.
    pub fn render(&self, output: &Output<'a>) -> Result<Vec<u8>, Box<Diagnostic>> {
        self.renderer.render(output, &self.outputs)
    }
}

self_cell::self_cell!(
    /// A site loaded and planned, owned whole.
    pub struct Prepared {
        owner: Loaded,
        #[not_covariant]
        dependent: Planned,
    }
);

impl Prepared {
    /// Selects what is published at `rules.now` and plans every output, once.
    pub fn plan(library: Library, theme: Arc<Theme>, rules: Rules) -> Prepared {
        Prepared::new(Loaded { library, theme, rules }, |loaded| {
            let library = &loaded.library;
            let selection = publish::select(library, &loaded.rules);
            let outputs = plan::plan(library, &selection, &loaded.theme.statics);
            let by_path = outputs.iter().enumerate().map(|(i, o)| (o.path.clone(), i)).collect();
            let renderer = Renderer {
                tera: &loaded.theme.tera,
                library,
                site_view: render::site_view(library, &selection),
                selection,
                rules: &loaded.rules,
                facets: OnceLock::new(),
                members: OnceLock::new(),
            };
            Planned { renderer, outputs, by_path }
        })
    }

    pub fn library(&self) -> &Library {
        &self.borrow_owner().library
    }

    pub fn theme(&self) -> &Arc<Theme> {
        &self.borrow_owner().theme
    }

    pub fn rules(&self) -> &Rules {
        &self.borrow_owner().rules
    }

    /// Runs `f` with the plan.
    pub fn with<R>(&self, f: impl for<'a> FnOnce(&Planned<'a>) -> R) -> R {
        self.with_dependent(|_, planned| f(planned))
    }

    /// The bytes of the output at `path`, if the plan has one: no selecting or planning again.
    pub fn render_path(&self, path: &str) -> Option<Result<Vec<u8>, Box<Diagnostic>>> {
        self.with(|planned| planned.output(path).map(|o| planned.render(o)))
    }
}
