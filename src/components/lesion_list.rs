use yew::prelude::*;

use crate::components::diary_provider::DiaryHandle;
use crate::components::lesion_item::LesionItem;
use crate::core::content::Content;

/// "Your lumps and sores": every lesion of the diary (followed and healed alike) in the order
/// they were first added, each with rename, healed / follow again, and its own trend. The order
/// stays put when one is marked healed, so keyboard focus stays on the button just used.
pub fn lesion_list(c: &Content, diary: &DiaryHandle) -> Html {
    let t = &c.diary;
    let lesions: Vec<_> = diary.diary.live_lesions().cloned().collect();
    html! {
        <section class="cg-mylesions" aria-labelledby="cg-mylesions-heading">
            <h4 id="cg-mylesions-heading">{ t.lesions_heading() }</h4>
            if lesions.is_empty() {
                <p>{ t.lesions_none() }</p>
            } else {
                <p>{ t.lesions_intro() }</p>
                <ul class="cg-mylesion-list">
                    { for lesions.into_iter().map(|l| {
                        let key = l.id.clone();
                        html! { <LesionItem {key} lesion={l} /> }
                    }) }
                </ul>
            }
        </section>
    }
}
