//! The seven section forms.

use leptos::prelude::*;
use shared::{
    AboutMe, Agency, Availability, BreakReason, CaredPerson, CaredRelation, CareerBreak, Child,
    Conciliation, ConciliationService, ContactChannel, ContractType, Course, CriticalPeriod,
    DayPart, Education, Goals, Helper, Household, Job, LanguageLevel, Municipality, Obstacle,
    Qualification, SPOKEN_LANGUAGES, Sector, SpokenLanguage, TravelMeans, WorkHistory, WorkMode,
    WorkingTime,
};

use super::editor::Editor;
use super::grid::week_grid;
use super::widgets::{checks, input, list_editor, number, select_code, yes_no};
use crate::components::err_at;
use crate::i18n::{K, isced_label, tr};

/// Getter and setter of a field of the draft.
macro_rules! field {
    ($e:expr, $f:ident) => {
        (
            move || $e.draft.with(|d| d.$f.clone()),
            move |v| $e.edit(|d| d.$f = v),
        )
    };
}

/// Getter and setter of a field of the `i`th item of a list of the draft.
macro_rules! item {
    ($e:expr, $list:ident, $i:expr, $f:ident) => {
        (
            move || {
                $e.draft.with(|d| {
                    d.$list
                        .as_ref()
                        .and_then(|l| l.get($i))
                        .map(|x| x.$f.clone())
                })
            },
            move |v| {
                $e.edit(|d| {
                    if let Some(x) = d.$list.as_mut().and_then(|l| l.get_mut($i)) {
                        x.$f = v;
                    }
                })
            },
        )
    };
}

fn current_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// Answered "yes" (some items), "no" (none) or not yet.
fn has_items<T>(list: &Option<Vec<T>>) -> Option<bool> {
    list.as_ref().map(|l| !l.is_empty())
}

/// "Yes" starts the list with one item; "no" empties it.
fn set_has<T>(list: &mut Option<Vec<T>>, yes: bool, first: impl FnOnce() -> T) {
    match (yes, list.as_mut()) {
        (true, Some(l)) if !l.is_empty() => {}
        (true, _) => *list = Some(vec![first()]),
        (false, _) => *list = Some(Vec::new()),
    }
}

pub fn about_me(
    e: Editor<AboutMe>,
    municipalities: Signal<Vec<Municipality>>,
    agencies: Signal<Vec<Agency>>,
) -> impl IntoView {
    let (muni, set_muni) = field!(e, municipality);
    let (channels, set_channels) = field!(e, contact_channels);
    let (times, set_times) = field!(e, contact_times);
    let (phone, set_phone) = field!(e, phone);
    let langs_len = move || e.draft.with(|d| d.languages.as_ref().map_or(0, Vec::len));
    view! {
        <div class="mb-3">
            <label for="municipality" class="form-label fw-semibold">{tr(K::Municipality)}</label>
            <select
                id="municipality"
                class="form-select"
                autocomplete="address-level2"
                aria-describedby=move || err_at(e.error, "/municipality".into()).with(Option::is_some).then_some("municipality-error")
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set_muni((!v.is_empty()).then_some(v));
                }
            >
                <option value="" selected=move || muni().is_none()>{tr(K::ChooseOne)}</option>
                {move || agencies.get().into_iter().map(|a| {
                    let of_agency: Vec<Municipality> = municipalities
                        .get()
                        .into_iter()
                        .filter(|m| m.agency_id == a.id)
                        .collect();
                    view! {
                        <optgroup label=a.territory.clone()>
                            {of_agency.into_iter().map(|m| {
                                let code = m.code.clone();
                                view! {
                                    <option value=m.code.clone() selected=move || muni().as_deref() == Some(code.as_str())>
                                        {m.name.clone()}
                                    </option>
                                }
                            }).collect_view()}
                        </optgroup>
                    }
                }).collect_view()}
            </select>
            {move || err_at(e.error, "/municipality".into()).get().map(|m| view! {
                <div id="municipality-error" class="invalid-feedback d-block">{m}</div>
            })}
        </div>

        <h2 class="h5 mt-4">{tr(K::Languages)}</h2>
        {list_editor(
            "languages",
            K::Language,
            K::AddLanguage,
            langs_len,
            move || e.edit(|d| d.languages.get_or_insert_with(Vec::new).push(SpokenLanguage {
                language: "it".into(),
                level: LanguageLevel::B1,
            })),
            move |i| e.edit(|d| if let Some(l) = d.languages.as_mut() && i < l.len() { l.remove(i); }),
            move |i| {
                let (lang, set_lang) = item!(e, languages, i, language);
                let (level, set_level) = item!(e, languages, i, level);
                let lid = format!("language-{i}");
                view! {
                    <div class="mb-3">
                        <label for=lid.clone() class="form-label">{tr(K::Language)}</label>
                        <select id=lid class="form-select" on:change=move |ev| set_lang(event_target_value(&ev))>
                            {SPOKEN_LANGUAGES.iter().map(|(code, name)| view! {
                                <option value=*code selected=move || lang().as_deref() == Some(*code) lang=*code>{*name}</option>
                            }).collect_view()}
                        </select>
                        {move || err_at(e.error, format!("/languages/{i}/language")).get().map(|m| view! {
                            <div class="invalid-feedback d-block">{m}</div>
                        })}
                    </div>
                    {select_code::<LanguageLevel>(
                        format!("language-level-{i}"),
                        K::LanguageLevel,
                        level,
                        move |v| if let Some(v) = v { set_level(v) },
                        err_at(e.error, format!("/languages/{i}/level")),
                    )}
                }
            },
            err_at(e.error, "/languages".into()),
        )}

        <h2 class="h5 mt-4">{tr(K::Contact)}</h2>
        {checks::<ContactChannel>("contact-channels", K::ContactChannels, channels, set_channels, None,
            err_at(e.error, "/contact_channels".into()))}
        {input("phone".into(), K::Phone, "tel", phone, set_phone, err_at(e.error, "/phone".into()),
            Some(K::PhoneHint), "tel")}
        {checks::<DayPart>("contact-times", K::ContactTimes, times, set_times, None,
            err_at(e.error, "/contact_times".into()))}
    }
}

pub fn household(e: Editor<Household>) -> impl IntoView {
    let (hours, set_hours) = field!(e, weekly_care_hours);
    let (helpers, set_helpers) = field!(e, helpers);
    view! {
        {yes_no("has-children", K::HasChildren,
            move || e.draft.with(|d| has_items(&d.children)),
            move |yes| e.edit(|d| set_has(&mut d.children, yes, || Child { birth_year: current_year(), special_needs: false })))}
        <Show when=move || e.draft.with(|d| has_items(&d.children) == Some(true))>
            {list_editor(
                "children",
                K::Child,
                K::AddChild,
                move || e.draft.with(|d| d.children.as_ref().map_or(0, Vec::len)),
                move || e.edit(|d| d.children.get_or_insert_with(Vec::new).push(Child { birth_year: current_year(), special_needs: false })),
                move |i| e.edit(|d| if let Some(l) = d.children.as_mut() && i < l.len() { l.remove(i); }),
                move |i| {
                    let (year, set_year) = item!(e, children, i, birth_year);
                    let (special, set_special) = item!(e, children, i, special_needs);
                    view! {
                        {number(format!("child-year-{i}"), K::BirthYear, year,
                            move |v: Option<i32>| set_year(v.unwrap_or(0)),
                            err_at(e.error, format!("/children/{i}/birth_year")), None)}
                        {flag(format!("child-special-{i}"), K::SpecialNeeds, special, set_special)}
                    }
                },
                err_at(e.error, "/children".into()),
            )}
        </Show>

        {yes_no("cares-for-others", K::CaresForOthers,
            move || e.draft.with(|d| has_items(&d.others_cared_for)),
            move |yes| e.edit(|d| set_has(&mut d.others_cared_for, yes, || CaredPerson { relation: CaredRelation::Parent, lives_with_her: false, special_needs: false })))}
        <Show when=move || e.draft.with(|d| has_items(&d.others_cared_for) == Some(true))>
            {list_editor(
                "others",
                K::CaredPerson,
                K::AddCaredPerson,
                move || e.draft.with(|d| d.others_cared_for.as_ref().map_or(0, Vec::len)),
                move || e.edit(|d| d.others_cared_for.get_or_insert_with(Vec::new).push(CaredPerson { relation: CaredRelation::Parent, lives_with_her: false, special_needs: false })),
                move |i| e.edit(|d| if let Some(l) = d.others_cared_for.as_mut() && i < l.len() { l.remove(i); }),
                move |i| {
                    let (relation, set_relation) = item!(e, others_cared_for, i, relation);
                    let (lives, set_lives) = item!(e, others_cared_for, i, lives_with_her);
                    let (special, set_special) = item!(e, others_cared_for, i, special_needs);
                    view! {
                        {select_code::<CaredRelation>(format!("other-relation-{i}"), K::Relation, relation,
                            move |v| if let Some(v) = v { set_relation(v) },
                            err_at(e.error, format!("/others_cared_for/{i}/relation")))}
                        {flag(format!("other-lives-{i}"), K::LivesWithHer, lives, set_lives)}
                        {flag(format!("other-special-{i}"), K::SpecialNeeds, special, set_special)}
                    }
                },
                err_at(e.error, "/others_cared_for".into()),
            )}
        </Show>

        {number("care-hours".into(), K::WeeklyCareHours, hours, set_hours,
            err_at(e.error, "/weekly_care_hours".into()), Some(K::WeeklyCareHoursHint))}
        {checks::<Helper>("helpers", K::Helpers, helpers, set_helpers, Some(Helper::Nobody),
            err_at(e.error, "/helpers".into()))}
    }
}

/// A checkbox for a yes/no detail of an item.
fn flag(
    id: String,
    label: K,
    get: impl Fn() -> Option<bool> + Copy + Send + Sync + 'static,
    set: impl Fn(bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    flag_of(id, label, Signal::derive(get), Callback::new(set))
}

fn flag_of(id: String, label: K, get: Signal<Option<bool>>, set: Callback<bool>) -> AnyView {
    view! {
        <div class="form-check mb-3">
            <input class="form-check-input" type="checkbox" id=id.clone()
                prop:checked=move || get.get().unwrap_or(false)
                on:change=move |ev| set.run(event_target_checked(&ev)) />
            <label class="form-check-label" for=id>{tr(label)}</label>
        </div>
    }
    .into_any()
}

pub fn conciliation(e: Editor<Conciliation>) -> impl IntoView {
    let (services, set_services) = field!(e, services_used);
    let (obstacles, set_obstacles) = field!(e, obstacles);
    let (other, set_other) = field!(e, obstacles_other);
    let (periods, set_periods) = field!(e, critical_periods);
    view! {
        {checks::<ConciliationService>("services", K::ServicesUsed, services, set_services, None,
            err_at(e.error, "/services_used".into()))}
        {checks::<Obstacle>("obstacles", K::Obstacles, obstacles, set_obstacles, None,
            err_at(e.error, "/obstacles".into()))}
        <Show when=move || obstacles().is_some_and(|o| o.contains(&Obstacle::Other))>
            {input("obstacles-other".into(), K::ObstaclesOther, "text", other, set_other,
                err_at(e.error, "/obstacles_other".into()), None, "off")}
        </Show>
        {checks::<CriticalPeriod>("periods", K::CriticalPeriods, periods, set_periods, None,
            err_at(e.error, "/critical_periods".into()))}
    }
}

pub fn education(e: Editor<Education>) -> impl IntoView {
    let (level, set_level) = field!(e, isced_level);
    view! {
        <div class="mb-3">
            <label for="isced" class="form-label fw-semibold">{tr(K::IscedLevel)}</label>
            <select id="isced" class="form-select" on:change=move |ev| set_level(event_target_value(&ev).parse().ok())>
                <option value="" selected=move || level().is_none()>{tr(K::ChooseOne)}</option>
                {(0u8..=8).map(|l| view! {
                    <option value=l.to_string() selected=move || level() == Some(l)>{isced_label(l)}</option>
                }).collect_view()}
            </select>
        </div>
        {yes_no("has-titles", K::HasTitles,
            move || e.draft.with(|d| has_items(&d.titles)),
            move |yes| e.edit(|d| set_has(&mut d.titles, yes, || Qualification { title: String::new(), field: None, year: None })))}
        <Show when=move || e.draft.with(|d| has_items(&d.titles) == Some(true))>
            {list_editor(
                "titles",
                K::Title,
                K::AddTitle,
                move || e.draft.with(|d| d.titles.as_ref().map_or(0, Vec::len)),
                move || e.edit(|d| d.titles.get_or_insert_with(Vec::new).push(Qualification { title: String::new(), field: None, year: None })),
                move |i| e.edit(|d| if let Some(l) = d.titles.as_mut() && i < l.len() { l.remove(i); }),
                move |i| {
                    let (title, set_title) = item!(e, titles, i, title);
                    let (fld, set_fld) = item!(e, titles, i, field);
                    let (year, set_year) = item!(e, titles, i, year);
                    view! {
                        {input(format!("title-name-{i}"), K::TitleName, "text", title, move |v| set_title(v.unwrap_or_default()),
                            err_at(e.error, format!("/titles/{i}/title")), None, "off")}
                        {input(format!("title-field-{i}"), K::TitleField, "text", move || fld().flatten(), set_fld,
                            err_at(e.error, format!("/titles/{i}/field")), None, "off")}
                        {number(format!("title-year-{i}"), K::Year, move || year().flatten(), set_year,
                            err_at(e.error, format!("/titles/{i}/year")), None)}
                    }
                },
                err_at(e.error, "/titles".into()),
            )}
        </Show>
        {yes_no("has-courses", K::HasCourses,
            move || e.draft.with(|d| has_items(&d.courses)),
            move |yes| e.edit(|d| set_has(&mut d.courses, yes, || Course { name: String::new(), provider: None, year: None, hours: None })))}
        <Show when=move || e.draft.with(|d| has_items(&d.courses) == Some(true))>
            {list_editor(
                "courses",
                K::Course,
                K::AddCourse,
                move || e.draft.with(|d| d.courses.as_ref().map_or(0, Vec::len)),
                move || e.edit(|d| d.courses.get_or_insert_with(Vec::new).push(Course { name: String::new(), provider: None, year: None, hours: None })),
                move |i| e.edit(|d| if let Some(l) = d.courses.as_mut() && i < l.len() { l.remove(i); }),
                move |i| {
                    let (name, set_name) = item!(e, courses, i, name);
                    let (provider, set_provider) = item!(e, courses, i, provider);
                    let (year, set_year) = item!(e, courses, i, year);
                    let (hours, set_hours) = item!(e, courses, i, hours);
                    view! {
                        {input(format!("course-name-{i}"), K::CourseName, "text", name, move |v| set_name(v.unwrap_or_default()),
                            err_at(e.error, format!("/courses/{i}/name")), None, "off")}
                        {input(format!("course-provider-{i}"), K::CourseProvider, "text", move || provider().flatten(), set_provider,
                            err_at(e.error, format!("/courses/{i}/provider")), None, "off")}
                        {number(format!("course-year-{i}"), K::Year, move || year().flatten(), set_year,
                            err_at(e.error, format!("/courses/{i}/year")), None)}
                        {number(format!("course-hours-{i}"), K::CourseHours, move || hours().flatten(), set_hours,
                            err_at(e.error, format!("/courses/{i}/hours")), None)}
                    }
                },
                err_at(e.error, "/courses".into()),
            )}
        </Show>
    }
}

pub fn work_history(e: Editor<WorkHistory>) -> impl IntoView {
    let new_job = || Job {
        role: String::new(),
        employer: None,
        sector: None,
        contract_type: None,
        start: String::new(),
        end: None,
        description: None,
    };
    let new_break = || CareerBreak {
        reason: BreakReason::CareOfChildren,
        start: String::new(),
        end: None,
        experience: None,
    };
    view! {
        {yes_no("has-jobs", K::HasJobs,
            move || e.draft.with(|d| has_items(&d.jobs)),
            move |yes| e.edit(|d| set_has(&mut d.jobs, yes, new_job)))}
        <Show when=move || e.draft.with(|d| has_items(&d.jobs) == Some(true))>
            {list_editor(
                "jobs",
                K::Job,
                K::AddJob,
                move || e.draft.with(|d| d.jobs.as_ref().map_or(0, Vec::len)),
                move || e.edit(|d| d.jobs.get_or_insert_with(Vec::new).push(new_job())),
                move |i| e.edit(|d| if let Some(l) = d.jobs.as_mut() && i < l.len() { l.remove(i); }),
                move |i| {
                    let (role, set_role) = item!(e, jobs, i, role);
                    let (employer, set_employer) = item!(e, jobs, i, employer);
                    let (sector, set_sector) = item!(e, jobs, i, sector);
                    let (contract, set_contract) = item!(e, jobs, i, contract_type);
                    let (start, set_start) = item!(e, jobs, i, start);
                    let (end, set_end) = item!(e, jobs, i, end);
                    let (description, set_description) = item!(e, jobs, i, description);
                    view! {
                        {input(format!("job-role-{i}"), K::JobRole, "text", role, move |v| set_role(v.unwrap_or_default()),
                            err_at(e.error, format!("/jobs/{i}/role")), None, "organization-title")}
                        {input(format!("job-employer-{i}"), K::Employer, "text", move || employer().flatten(), set_employer,
                            err_at(e.error, format!("/jobs/{i}/employer")), None, "organization")}
                        {select_code::<Sector>(format!("job-sector-{i}"), K::Sector, move || sector().flatten(), set_sector,
                            err_at(e.error, format!("/jobs/{i}/sector")))}
                        {select_code::<ContractType>(format!("job-contract-{i}"), K::ContractType, move || contract().flatten(), set_contract,
                            err_at(e.error, format!("/jobs/{i}/contract_type")))}
                        <div class="row">
                            <div class="col-6">
                                {input(format!("job-start-{i}"), K::StartMonth, "month", move || start().filter(|s| !s.is_empty()), move |v| set_start(v.unwrap_or_default()),
                                    err_at(e.error, format!("/jobs/{i}/start")), Some(K::MonthHint), "off")}
                            </div>
                            <div class="col-6">
                                {input(format!("job-end-{i}"), K::EndMonth, "month", move || end().flatten(), set_end,
                                    err_at(e.error, format!("/jobs/{i}/end")), Some(K::EndMonthHint), "off")}
                            </div>
                        </div>
                        {input(format!("job-description-{i}"), K::JobDescription, "textarea", move || description().flatten(), set_description,
                            err_at(e.error, format!("/jobs/{i}/description")), None, "off")}
                    }
                },
                err_at(e.error, "/jobs".into()),
            )}
        </Show>
        <p class="mt-4">{tr(K::BreaksLead)}</p>
        {yes_no("has-breaks", K::HasBreaks,
            move || e.draft.with(|d| has_items(&d.breaks)),
            move |yes| e.edit(|d| set_has(&mut d.breaks, yes, new_break)))}
        <Show when=move || e.draft.with(|d| has_items(&d.breaks) == Some(true))>
            {list_editor(
                "breaks",
                K::CareerBreak,
                K::AddBreak,
                move || e.draft.with(|d| d.breaks.as_ref().map_or(0, Vec::len)),
                move || e.edit(|d| d.breaks.get_or_insert_with(Vec::new).push(new_break())),
                move |i| e.edit(|d| if let Some(l) = d.breaks.as_mut() && i < l.len() { l.remove(i); }),
                move |i| {
                    let (reason, set_reason) = item!(e, breaks, i, reason);
                    let (start, set_start) = item!(e, breaks, i, start);
                    let (end, set_end) = item!(e, breaks, i, end);
                    let (experience, set_experience) = item!(e, breaks, i, experience);
                    view! {
                        {select_code::<BreakReason>(format!("break-reason-{i}"), K::BreakReason, reason,
                            move |v| if let Some(v) = v { set_reason(v) },
                            err_at(e.error, format!("/breaks/{i}/reason")))}
                        <div class="row">
                            <div class="col-6">
                                {input(format!("break-start-{i}"), K::StartMonth, "month", move || start().filter(|s| !s.is_empty()), move |v| set_start(v.unwrap_or_default()),
                                    err_at(e.error, format!("/breaks/{i}/start")), Some(K::MonthHint), "off")}
                            </div>
                            <div class="col-6">
                                {input(format!("break-end-{i}"), K::EndMonth, "month", move || end().flatten(), set_end,
                                    err_at(e.error, format!("/breaks/{i}/end")), Some(K::EndMonthHint), "off")}
                            </div>
                        </div>
                        {input(format!("break-experience-{i}"), K::BreakExperience, "textarea", move || experience().flatten(), set_experience,
                            err_at(e.error, format!("/breaks/{i}/experience")), Some(K::BreakExperienceHint), "off")}
                    }
                },
                err_at(e.error, "/breaks".into()),
            )}
        </Show>
    }
}

pub fn availability(e: Editor<Availability>) -> impl IntoView {
    let (grid, set_grid) = field!(e, weekly_hours);
    let (time, set_time) = field!(e, working_time);
    let (modes, set_modes) = field!(e, work_modes);
    let (minutes, set_minutes) = field!(e, max_travel_minutes);
    let (means, set_means) = field!(e, travel_means);
    let (start, set_start) = field!(e, earliest_start);
    let (contracts, set_contracts) = field!(e, contract_types);
    view! {
        {week_grid(grid, set_grid, err_at(e.error, "/weekly_hours".into()))}
        {checks::<WorkingTime>("working-time", K::WorkingTimeQ, time, set_time, None, err_at(e.error, "/working_time".into()))}
        {checks::<WorkMode>("work-modes", K::WorkModes, modes, set_modes, None, err_at(e.error, "/work_modes".into()))}
        {number("travel-minutes".into(), K::MaxTravelMinutes, minutes, set_minutes,
            err_at(e.error, "/max_travel_minutes".into()), Some(K::MaxTravelMinutesHint))}
        {checks::<TravelMeans>("travel-means", K::TravelMeansQ, means, set_means, None, err_at(e.error, "/travel_means".into()))}
        {input("earliest-start".into(), K::EarliestStart, "date",
            move || start().map(|d| d.format("%Y-%m-%d").to_string()),
            move |v| set_start(v.and_then(|v| chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())),
            err_at(e.error, "/earliest_start".into()), None, "off")}
        {checks::<ContractType>("contract-types", K::ContractTypesQ, contracts, set_contracts, None,
            err_at(e.error, "/contract_types".into()))}
    }
}

pub fn goals(e: Editor<Goals>) -> impl IntoView {
    let (sectors, set_sectors) = field!(e, sectors);
    let (roles, set_roles) = field!(e, roles);
    let (statement, set_statement) = field!(e, statement);
    view! {
        {checks::<Sector>("sectors", K::GoalSectors, sectors, set_sectors, None, err_at(e.error, "/sectors".into()))}
        {input("roles".into(), K::GoalRoles, "textarea",
            move || roles().map(|r| r.join("\n")),
            move |v| set_roles(v.map(|v| v.lines().map(str::to_owned).filter(|l| !l.trim().is_empty()).collect())),
            err_at(e.error, "/roles".into()), Some(K::GoalRolesHint), "off")}
        {input("statement".into(), K::GoalStatement, "textarea", statement, set_statement,
            err_at(e.error, "/statement".into()), Some(K::GoalStatementHint), "off")}
    }
}
