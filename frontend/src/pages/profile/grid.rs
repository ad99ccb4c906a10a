//! The weekly availability grid: hours down, days across (fits a 360 px screen). Each cell is a
//! toggle button with a full accessible name; arrow keys move between cells, Space or Enter
//! toggles, and a tap toggles on touch screens.

use leptos::prelude::*;
use shared::{Code, DayHours, GRID_FIRST_HOUR, GRID_LAST_HOUR, Weekday};

use crate::i18n::{K, code_label, tr};

fn has(grid: &Option<Vec<DayHours>>, day: Weekday, hour: u8) -> bool {
    grid.as_ref()
        .and_then(|g| g.iter().find(|d| d.day == day))
        .is_some_and(|d| d.hours.contains(&hour))
}

fn toggled(grid: Option<Vec<DayHours>>, day: Weekday, hour: u8) -> Option<Vec<DayHours>> {
    let mut g = grid.unwrap_or_default();
    match g.iter_mut().find(|d| d.day == day) {
        Some(d) => {
            if let Some(i) = d.hours.iter().position(|h| *h == hour) {
                d.hours.remove(i);
            } else {
                d.hours.push(hour);
                d.hours.sort_unstable();
            }
        }
        None => g.push(DayHours {
            day,
            hours: vec![hour],
        }),
    }
    g.retain(|d| !d.hours.is_empty());
    g.sort_by_key(|d| d.day);
    Some(g)
}

/// Monday to Friday, the given hours.
fn weekdays(hours: std::ops::Range<u8>) -> Option<Vec<DayHours>> {
    Some(
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .map(|day| DayHours {
            day,
            hours: hours.clone().collect(),
        })
        .collect(),
    )
}

fn cell_id(day: usize, hour: u8) -> String {
    format!("slot-{day}-{hour}")
}

fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        use wasm_bindgen::JsCast;
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

pub fn week_grid(
    get: impl Fn() -> Option<Vec<DayHours>> + Copy + Send + Sync + 'static,
    set: impl Fn(Option<Vec<DayHours>>) + Copy + Send + Sync + 'static,
    error: Signal<Option<String>>,
) -> impl IntoView {
    // The one cell in the tab order (roving tabindex).
    let active = RwSignal::new((0usize, 9u8));
    let days = Weekday::all();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let (d, h) = active.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => (usize::min(d + 1, days.len() - 1), h),
            "ArrowLeft" => (d.saturating_sub(1), h),
            "ArrowDown" => (d, u8::min(h + 1, GRID_LAST_HOUR)),
            "ArrowUp" => (d, u8::max(h.saturating_sub(1), GRID_FIRST_HOUR)),
            "Home" => (0, h),
            "End" => (days.len() - 1, h),
            _ => return,
        };
        ev.prevent_default();
        active.set(next);
        focus(&cell_id(next.0, next.1));
    };
    view! {
        <fieldset class="mb-4">
            <legend class="form-label fw-semibold fs-6">{tr(K::WeeklyHours)}</legend>
            <p class="form-text mt-0" id="grid-hint">{tr(K::WeeklyHoursHint)}</p>
            <div class="d-flex flex-wrap gap-2 mb-2">
                <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| set(weekdays(8..13))>
                    {tr(K::GridMornings)}
                </button>
                <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| set(weekdays(14..18))>
                    {tr(K::GridAfternoons)}
                </button>
                <button type="button" class="btn btn-sm btn-outline-secondary" on:click=move |_| set(Some(Vec::new()))>
                    {tr(K::GridClear)}
                </button>
            </div>
            <table class="week-grid" aria-describedby="grid-hint">
                <caption class="visually-hidden">{tr(K::WeeklyHours)}</caption>
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">{tr(K::Hour)}</span></th>
                        {days.iter().map(|d| view! {
                            <th scope="col"><abbr title=code_label(*d)>{short(*d)}</abbr></th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody on:keydown=on_key>
                    {(GRID_FIRST_HOUR..=GRID_LAST_HOUR).map(|hour| view! {
                        <tr>
                            <th scope="row">{format!("{hour:02}")}</th>
                            {days.iter().enumerate().map(|(di, &day)| {
                                let label = code_label(day);
                                view! {
                                    <td>
                                        <button
                                            type="button"
                                            id=cell_id(di, hour)
                                            class="slot"
                                            tabindex=move || if active.get() == (di, hour) { "0" } else { "-1" }
                                            aria-pressed=move || if get().as_ref().is_some_and(|_| has(&get(), day, hour)) { "true" } else { "false" }
                                            on:click=move |_| {
                                                active.set((di, hour));
                                                set(toggled(get(), day, hour));
                                            }
                                        >
                                            <span class="visually-hidden">
                                                {label} " " {format!("{hour:02}:00–{:02}:00", hour + 1)}
                                            </span>
                                        </button>
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {move || error.get().map(|m| view! { <div class="invalid-feedback d-block">{m}</div> })}
        </fieldset>
    }
}

fn short(day: Weekday) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let label = code_label(day);
    move || label().chars().take(3).collect()
}
