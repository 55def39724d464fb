//! A section fed by a secondary source (partner extras, home rows, later order and partner
//! details). Only a page's own data earns a full error panel: a secondary section that has
//! nothing (an empty list, or a 404) is not shown at all, and one that fails says so in
//! one line with «Повторить», inside the section.

use crate::api::ApiError;
use leptos::prelude::*;

/// What a secondary source answered, as the section shows it.
#[derive(Debug, PartialEq, Eq)]
pub enum Shown<T> {
    /// Nothing to show: the section stays out of the page.
    Nothing,
    Data(T),
    /// One line and «Повторить».
    Failed(String),
}

/// Sorts an answer: empty and 404 are nothing, other failures a sentence.
pub fn shown<T>(answer: Result<T, ApiError>, is_empty: impl Fn(&T) -> bool) -> Shown<T> {
    match answer {
        Ok(v) if is_empty(&v) => Shown::Nothing,
        Ok(v) => Shown::Data(v),
        Err(ApiError::NotFound(_)) => Shown::Nothing,
        Err(e) => Shown::Failed(e.user_message()),
    }
}

/// The section: a heading (`id` names it for screen readers) and what `render` makes of
/// the data; while loading, `placeholder` (nothing unless the space is known). Only the
/// match on the answer is generic: the section's frame and its failure line are built by
/// plain functions, once in the binary however many sections use them.
#[component]
pub fn Secondary<T, V, F>(
    #[prop(into)] title: String,
    /// The heading's id, unique on the page.
    id: String,
    data: LocalResource<Result<T, ApiError>>,
    is_empty: fn(&T) -> bool,
    render: F,
    #[prop(default = "product-section")] class: &'static str,
    /// A «see all» link beside the heading.
    #[prop(optional, into)]
    more: Option<String>,
    #[prop(default = "Смотреть все")] more_label: &'static str,
    #[prop(optional, into)] placeholder: ViewFn,
    /// The section's test hook.
    #[prop(default = "secondary-section")]
    testid: &'static str,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    let frame = Frame {
        title,
        id,
        class,
        more,
        more_label,
        testid,
    };
    let retry = Callback::new(move |_| data.refetch());
    move || {
        let body = match data.get() {
            None => return placeholder.run(),
            Some(answer) => match shown(answer, is_empty) {
                Shown::Nothing => return ().into_any(),
                Shown::Data(v) => render(v).into_any(),
                Shown::Failed(why) => failed_line(why, retry),
            },
        };
        frame.around(body)
    }
}

/// A section's heading and hooks.
struct Frame {
    title: String,
    id: String,
    class: &'static str,
    more: Option<String>,
    more_label: &'static str,
    testid: &'static str,
}

impl Frame {
    fn around(&self, body: AnyView) -> AnyView {
        let more = self.more.clone().map(|href| {
            view! { <a class="section-head__more" href=href>{self.more_label}</a> }
        });
        view! {
            <section class=self.class aria-labelledby=self.id.clone() data-testid=self.testid>
                <div class="section-head">
                    <h2 class="section-title" id=self.id.clone()>{self.title.clone()}</h2>
                    {more}
                </div>
                {body}
            </section>
        }
        .into_any()
    }
}

fn failed_line(why: String, retry: Callback<()>) -> AnyView {
    view! {
        <p class="section-failed" role="status" data-testid="section-failed">
            {format!("Не удалось загрузить. {why} ")}
            <button type="button" class="link-button" on:click=move |_| retry.run(())>"Повторить"</button>
        </p>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::BackendError;

    fn err(status: u16) -> Result<Vec<u8>, ApiError> {
        Err(ApiError::from_status(
            status,
            BackendError::default(),
            Default::default(),
            0,
        ))
    }

    #[test]
    fn nothing_and_not_found_hide_the_section_and_a_failure_is_one_sentence() {
        let empty = |v: &Vec<u8>| v.is_empty();
        assert_eq!(shown(Ok(vec![]), empty), Shown::Nothing);
        assert_eq!(shown(err(404), empty), Shown::Nothing);
        assert_eq!(shown(Ok(vec![1]), empty), Shown::Data(vec![1]));
        assert!(matches!(shown(err(500), empty), Shown::Failed(m) if m.contains("ошибка")));
    }
}
