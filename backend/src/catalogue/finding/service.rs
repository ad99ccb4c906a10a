//! Finding services: the public search (published services of live providers, by text,
//! category, age, hours, municipality and distance), her matches (ranked and explained by
//! `shared::matching`), her shortlist and contacts (counted per day and agency, never who),
//! her week, what she declares for contributions, and the counsellor's view of her shortlist.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Utc};
use shared::{
    AboutMe, AgeRange, Availability, Benefit, ChildCover, ChildWeek, Claimant, ContributionFit,
    ContributionRules, Declaration, FieldCode, Gap, GapHelp, GeoPoint, Helper, HelperWeek,
    HoursSource, Household, LocalizedText, Matches, Needs, OpenAt, OpeningWindow, Page,
    ProfileSection, ProviderBrief, Role, Schedule, ServiceCategory, ServiceHit, ServiceMatch,
    ShortlistItem, Slot, TimeOfDay, WeekPlan, WeekService, WeekView,
};
use uuid::Uuid;

use super::repo;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::catalogue::offers::service::service_dtos;
use crate::entities::{contribution, contribution_declaration, shortlist, week};
use crate::error::{ApiError, FieldIssue, Issues};
use crate::pagination::{self, decode_offset, encode_offset, page_of};
use crate::session::AuthUser;
use crate::shelf::{Entry, Index, Spot};
use crate::state::AppState;

/// How far she looks when she does not say, in km.
pub const DEFAULT_RADIUS_KM: f64 = 15.0;
pub const MAX_RADIUS_KM: f64 = 100.0;

/// `lat,lon` in a query.
fn parse_near(s: &str, issues: &mut Issues) -> Option<GeoPoint> {
    let parsed = s.split_once(',').and_then(|(a, b)| {
        Some(GeoPoint {
            lat: a.trim().parse().ok()?,
            lon: b.trim().parse().ok()?,
        })
    });
    match parsed {
        None => {
            issues.push(FieldIssue::new("/near", FieldCode::NearInvalid));
            None
        }
        Some(p) if !p.is_valid() => {
            issues.push(FieldIssue::new("/near", FieldCode::CoordinatesOutOfRange));
            None
        }
        Some(p) => Some(p),
    }
}

fn parse_radius(r: Option<f64>, issues: &mut Issues) -> f64 {
    match r {
        None => DEFAULT_RADIUS_KM,
        Some(r) if r.is_finite() && (0.1..=MAX_RADIUS_KM).contains(&r) => r,
        Some(_) => {
            issues.push(FieldIssue::new("/radius_km", FieldCode::NumberOutOfRange));
            DEFAULT_RADIUS_KM
        }
    }
}

fn parse_open_at(s: Option<&str>, issues: &mut Issues) -> Option<OpenAt> {
    let s = s?;
    let at = OpenAt::parse(s.trim());
    if at.is_none() {
        issues.push(FieldIssue::new("/open_at", FieldCode::OpenAtInvalid));
    }
    at
}

/// The box around `p` that holds every point within `km` of it.
fn bounding_box(p: GeoPoint, km: f64) -> (f64, f64, f64, f64) {
    let dlat = km / 111.2;
    let dlon = km / (111.2 * p.lat.to_radians().cos().max(0.01));
    (p.lat - dlat, p.lat + dlat, p.lon - dlon, p.lon + dlon)
}

/// The published catalogue as it is now: the one in memory when the stored revision and the
/// day are those it was built at, else built again (one request builds, the others wait).
pub async fn catalogue(state: &AppState) -> Result<Arc<Index>, ApiError> {
    let day = today();
    let revision = crate::catalogue::revision::current(&state.db).await?;
    if let Some(index) = state.catalogue.fresh(revision, day) {
        return Ok(index);
    }
    let _building = state.catalogue.building.lock().await;
    let revision = crate::catalogue::revision::current(&state.db).await?;
    if let Some(index) = state.catalogue.fresh(revision, day) {
        return Ok(index);
    }
    let started = std::time::Instant::now();
    let mut entries = Vec::new();
    let rows = repo::published_among(&state.db, None).await?;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(1000).collect();
        for service in service_dtos(&state.db, state, chunk).await? {
            entries.push(Entry {
                offer: shared::Offer::new(
                    service.id,
                    service.category,
                    service.ages,
                    service.schedule.clone(),
                    service.costs.clone(),
                    service.places,
                    Some(day),
                ),
                name_key: service.name.to_lowercase(),
                places: service
                    .locations
                    .iter()
                    .filter(|l| l.retired_at.is_none())
                    .map(|l| (l.point, l.municipality.clone()))
                    .collect(),
                service: Arc::new(service),
            });
        }
    }
    let index = Arc::new(Index::new(revision, day, entries));
    tracing::info!(
        revision,
        services = index.entries.len(),
        ms = started.elapsed().as_millis(),
        "catalogue index built"
    );
    state.catalogue.put(revision, day, index.clone());
    Ok(index)
}

/// What a look through the catalogue keeps; every part optional.
#[derive(Debug, Default, Clone)]
struct Narrow<'a> {
    /// In lower case.
    q: Option<String>,
    categories: &'a [ServiceCategory],
    age_months: Option<u16>,
    /// Open for the whole of these hours, in one window of its weekly grid.
    open: Option<OpenAt>,
    municipality: Option<&'a str>,
}

impl Narrow<'_> {
    fn keeps(&self, e: &Entry) -> bool {
        let s = &e.offer;
        (self.categories.is_empty() || self.categories.contains(&s.category))
            && self.age_months.is_none_or(|a| s.ages.contains(a))
            && self.open.is_none_or(|at| {
                s.schedule
                    .weekly
                    .iter()
                    .any(|w| w.day == at.day && w.opens <= at.from && w.closes >= at.to)
            })
            && self.q.as_deref().is_none_or(|q| e.name_key.contains(q))
    }
}

/// Calls `visit` with each spot of the categories `narrow` asks (with its category) that
/// `narrow` keeps, within `r` km of `p`, and its distance: the band of latitudes the radius
/// reaches, read in a row.
fn scan<'a>(
    index: &'a Index,
    narrow: &Narrow<'_>,
    p: GeoPoint,
    r: f64,
    mut visit: impl FnMut(ServiceCategory, &'a Spot, f64),
) {
    let (south, north, west, east) = bounding_box(p, r);
    // Only the categories asked: each spot's entry is kept by the rest of `narrow`.
    let only_categories = narrow.q.is_none()
        && narrow.age_months.is_none()
        && narrow.open.is_none()
        && narrow.municipality.is_none();
    for (category, spots) in index.spots_of(narrow.categories) {
        let first = spots.partition_point(|s| s.point.lat < south);
        for s in spots[first..].iter().take_while(|s| s.point.lat <= north) {
            if !(west..=east).contains(&s.point.lon) {
                continue;
            }
            if !only_categories {
                let e = &index.entries[s.entry as usize];
                if !narrow.keeps(e)
                    || narrow.municipality.is_some_and(|m| {
                        e.places.get(s.place as usize).is_none_or(|(_, at)| at != m)
                    })
                {
                    continue;
                }
            }
            let d = p.km_to(&s.point);
            if d <= r {
                visit(category, s, d);
            }
        }
    }
}

/// The services that `narrow` keeps with a live location in its municipality and (with a
/// point) within `radius`: each once with the distance of its nearest such location; with
/// `nearest_first`, nearest first then by id, else in no particular order (by name without
/// a point).
fn find(
    index: &Index,
    narrow: &Narrow<'_>,
    near: Option<(GeoPoint, f64)>,
    nearest_first: bool,
) -> Vec<(usize, Option<f64>)> {
    let Some((p, r)) = near else {
        return index
            .of_categories(narrow.categories, true)
            .into_iter()
            .filter(|i| {
                let e = &index.entries[*i];
                narrow.keeps(e)
                    && e.places
                        .iter()
                        .any(|(_, m)| narrow.municipality.is_none_or(|n| n == m))
            })
            .map(|i| (i, None))
            .collect();
    };
    let mut found: Vec<(usize, Option<f64>)> = Vec::new();
    let mut several: HashMap<usize, f64> = HashMap::new();
    scan(index, narrow, p, r, |_, s, d| {
        let i = s.entry as usize;
        if s.only {
            found.push((i, Some(d)));
        } else {
            several
                .entry(i)
                .and_modify(|old| *old = old.min(d))
                .or_insert(d);
        }
    });
    found.extend(several.into_iter().map(|(i, d)| (i, Some(d))));
    if nearest_first {
        found.sort_by(|a, b| {
            a.1.unwrap_or(f64::MAX)
                .total_cmp(&b.1.unwrap_or(f64::MAX))
                .then(
                    index.entries[a.0]
                        .offer
                        .id
                        .cmp(&index.entries[b.0].offer.id),
                )
        });
    }
    found
}

/// Rows by id, as services, in the order of `ids`.
async fn in_order(state: &AppState, ids: &[Uuid]) -> Result<Vec<shared::Service>, ApiError> {
    let rows = repo::services_by_id(&state.db, ids).await?;
    let mut dtos: HashMap<Uuid, shared::Service> = service_dtos(&state.db, state, rows)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(ids.iter().filter_map(|id| dtos.remove(id)).collect())
}

fn round_km(d: f64) -> f64 {
    (d * 10.0).round() / 10.0
}

/// What the public search takes.
#[derive(Debug, Default)]
pub struct SearchParams<'a> {
    pub q: Option<&'a str>,
    pub category: Option<ServiceCategory>,
    pub municipality: Option<&'a str>,
    pub near: Option<&'a str>,
    pub radius_km: Option<f64>,
    pub open_at: Option<&'a str>,
    pub age_months: Option<u16>,
    pub page_size: Option<u64>,
    pub page_token: Option<&'a str>,
}

/// The public search: published services of live providers. With `near`, nearest first
/// within the radius; else by name.
pub async fn search(state: &AppState, p: SearchParams<'_>) -> Result<Page<ServiceHit>, ApiError> {
    let mut issues = Issues::default();
    let q = p.q.map(str::trim).filter(|q| !q.is_empty());
    if q.is_some_and(|q| q.chars().count() > 100) {
        issues.push(FieldIssue::new("/q", FieldCode::SearchTooLong));
    }
    let near = p.near.and_then(|n| parse_near(n, &mut issues));
    let radius = parse_radius(p.radius_km, &mut issues);
    let open = parse_open_at(p.open_at, &mut issues);
    if p.age_months.is_some_and(|a| a > AgeRange::MAX_MONTHS) {
        issues.push(FieldIssue::new("/age_months", FieldCode::NumberOutOfRange));
    }
    if let Some(m) = p.municipality
        && !state.municipalities.contains_key(m)
    {
        issues.push(FieldIssue::new(
            "/municipality",
            FieldCode::MunicipalityUnknown,
        ));
    }
    issues.finish()?;
    let size = usize::try_from(pagination::page_size(p.page_size)?).unwrap_or(usize::MAX);
    let offset = decode_offset(p.page_token)?;
    let categories: Vec<ServiceCategory> = p.category.into_iter().collect();
    let narrow = Narrow {
        q: q.map(str::to_lowercase),
        categories: &categories,
        age_months: p.age_months,
        open,
        municipality: p.municipality,
    };
    let index = catalogue(state).await?;
    let (found, next_page_token) = if near.is_none() && p.municipality.is_none() {
        let mut found: Vec<(usize, Option<f64>)> = index
            .of_categories(narrow.categories, true)
            .into_iter()
            .map(|i| (i, &index.entries[i]))
            .filter(|(_, e)| narrow.keeps(e))
            .skip(offset)
            .take(size.saturating_add(1))
            .map(|(i, _)| (i, None))
            .collect();
        let more = found.len() > size;
        found.truncate(size);
        let next = more.then(|| encode_offset(offset + found.len()));
        (found, next)
    } else {
        page_of(
            find(&index, &narrow, near.map(|p| (p, radius)), true),
            offset,
            size as u64,
        )
    };
    let items = found
        .into_iter()
        .map(|(i, d)| ServiceHit {
            service: index.entries[i].service.as_ref().clone(),
            distance_km: d.map(round_km),
        })
        .collect();
    Ok(Page {
        items,
        next_page_token,
    })
}

/// A published service; a jobseeker's look is counted for her agency (never who).
pub async fn get_public(
    state: &AppState,
    viewer: Option<&AuthUser>,
    id: Uuid,
) -> Result<shared::Service, ApiError> {
    let index = catalogue(state).await?;
    let service = index
        .get(id)
        .ok_or(ApiError::NotFound)?
        .service
        .as_ref()
        .clone();
    if let Some(her) = viewer.filter(|a| a.role == Role::Jobseeker) {
        repo::count_use(&state.db, today(), her.agency_id, id, "viewed").await?;
    }
    Ok(service)
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// What her profile says that the matching reads.
struct Her {
    home: Option<GeoPoint>,
    municipality: Option<String>,
    child_birth_years: Vec<i32>,
    child_ages: Vec<u16>,
    special_needs: bool,
    cares_for_adults: bool,
    helpers: Vec<Helper>,
    available: Vec<Slot>,
}

/// The parts of her profile the matching reads (its sections as she saved them).
struct Sections {
    about_me: AboutMe,
    household: Household,
    availability: Availability,
}

fn her(state: &AppState, p: &Sections, on: NaiveDate) -> Her {
    let municipality = p.about_me.municipality.clone();
    let home = municipality
        .as_ref()
        .and_then(|m| state.municipalities.get(m))
        .and_then(|m| m.location);
    let children = p.household.children.clone().unwrap_or_default();
    let others = p.household.others_cared_for.clone().unwrap_or_default();
    let available = p
        .availability
        .weekly_hours
        .clone()
        .unwrap_or_default()
        .into_iter()
        .flat_map(|d| {
            d.hours.into_iter().filter_map(move |h| {
                Some(Slot {
                    day: d.day,
                    from: TimeOfDay::new(u16::from(h), 0)?,
                    to: TimeOfDay::new(u16::from(h) + 1, 0)?,
                })
            })
        })
        .collect();
    Her {
        home,
        municipality,
        child_birth_years: children.iter().map(|c| c.birth_year).collect(),
        child_ages: children
            .iter()
            .filter_map(|c| shared::age_in_months(c.birth_year, on))
            .collect(),
        special_needs: children.iter().any(|c| c.special_needs)
            || others.iter().any(|o| o.special_needs),
        cares_for_adults: !others.is_empty(),
        helpers: p
            .household
            .helpers
            .clone()
            .unwrap_or_default()
            .into_iter()
            .filter(|h| *h != Helper::Nobody)
            .collect(),
        available: shared::normalise(available),
    }
}

/// Her sections as saved (an unanswered one is empty). Read here, not through the profile's
/// service: the profile's export reads this part, so this part does not call the profile.
async fn profile_of(state: &AppState, auth: &AuthUser) -> Result<Sections, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let mut s = Sections {
        about_me: AboutMe::default(),
        household: Household::default(),
        availability: Availability::default(),
    };
    for row in repo::sections_of(&state.db, auth.user_id).await? {
        match row.section {
            ProfileSection::AboutMe => {
                s.about_me = serde_json::from_value(row.data).unwrap_or_default();
            }
            ProfileSection::Household => {
                s.household = serde_json::from_value(row.data).unwrap_or_default();
            }
            ProfileSection::Availability => {
                s.availability = serde_json::from_value(row.data).unwrap_or_default();
            }
            _ => {}
        }
    }
    Ok(s)
}

/// A contribution as the rules read it.
struct Scheme {
    id: Uuid,
    name: LocalizedText,
    categories: Vec<ServiceCategory>,
    benefit: Benefit,
    rules: ContributionRules,
}

fn scheme(c: contribution::Model) -> Option<Scheme> {
    Some(Scheme {
        id: c.id,
        name: serde_json::from_value(c.name).ok()?,
        categories: serde_json::from_value(c.categories).ok()?,
        benefit: serde_json::from_value(c.benefit).ok()?,
        rules: serde_json::from_value(c.rules).ok()?,
    })
}

fn declared(d: Option<&contribution_declaration::Model>) -> Declaration {
    d.map(|d| Declaration {
        isee_band: d.isee_band,
        icef_band: d.icef_band,
        employment_status: d.employment_status,
    })
    .unwrap_or_default()
}

/// What her matches take.
#[derive(Debug, Default)]
pub struct MatchParams<'a> {
    pub category: Option<ServiceCategory>,
    pub radius_km: Option<f64>,
    pub open_at: Option<&'a str>,
    pub max_cost_cents: Option<u32>,
    pub hours: Option<HoursSource>,
    pub page_size: Option<u64>,
    pub page_token: Option<&'a str>,
}

/// A contribution of a category, with what it pays and her eligibility.
type Fit = (Uuid, Benefit, shared::Eligibility);

/// The contributions in force for her agency's territory, and for each category those that
/// apply to it with her eligibility.
struct Judged {
    schemes: Vec<Scheme>,
    by_category: HashMap<ServiceCategory, Vec<(Uuid, Benefit, shared::Eligibility)>>,
}

impl Judged {
    fn of(&self, category: ServiceCategory) -> &[(Uuid, Benefit, shared::Eligibility)] {
        self.by_category.get(&category).map_or(&[], Vec::as_slice)
    }
}

fn judged(
    her: &Her,
    declaration: Option<&contribution_declaration::Model>,
    rows: Vec<contribution::Model>,
) -> Judged {
    let d = declared(declaration);
    let claimant = Claimant {
        municipality: her.municipality.clone(),
        child_ages_months: her.child_ages.clone(),
        employment: d.employment_status,
        isee: d.isee_band,
        icef: d.icef_band,
    };
    let schemes: Vec<Scheme> = rows.into_iter().filter_map(scheme).collect();
    let mut by_category: HashMap<ServiceCategory, Vec<_>> = HashMap::new();
    for s in &schemes {
        let e = s.rules.eligibility(&claimant);
        for c in &s.categories {
            by_category
                .entry(*c)
                .or_default()
                .push((s.id, s.benefit.clone(), e.clone()));
        }
    }
    Judged {
        schemes,
        by_category,
    }
}

/// The services of `categories` (open at `open`) near her: within `radius` of her
/// municipality, or anywhere when her profile does not say where she lives.
fn nearby(
    index: &Index,
    her: &Her,
    categories: &[ServiceCategory],
    open: Option<OpenAt>,
    radius: f64,
) -> Vec<(usize, Option<f64>)> {
    let narrow = Narrow {
        categories,
        open,
        ..Narrow::default()
    };
    // Ranked after, by score: no need of an order here.
    find(index, &narrow, her.home.map(|p| (p, radius)), false)
}

/// As [`nearby`], each ready for her ranking: with the contributions of its category and what
/// the ranking reads, from the spots' small records.
fn found_for_her<'a>(
    index: &'a Index,
    her: &Her,
    categories: &'a [ServiceCategory],
    open: Option<OpenAt>,
    radius: f64,
    judged: &'a Judged,
) -> Vec<shared::Found<'a>> {
    let Some(home) = her.home else {
        return nearby(index, her, categories, open, radius)
            .into_iter()
            .map(|(i, d)| {
                let offer = &index.entries[i].offer;
                shared::Found::new(offer, d, judged.of(offer.category))
            })
            .collect();
    };
    let narrow = Narrow {
        categories,
        open,
        ..Narrow::default()
    };
    let found_at = |s: &'a Spot, d: f64, contributions| shared::Found {
        offer: &index.entries[s.entry as usize].offer,
        distance_km: Some(d),
        contributions,
        brief: s.brief,
        open: index.open_of(s),
    };
    let mut found = Vec::new();
    let mut several: HashMap<u32, (f64, &Spot)> = HashMap::new();
    // The contributions of the category being read, looked up once a category.
    let mut of: Option<(ServiceCategory, &[Fit])> = None;
    scan(index, &narrow, home, radius, |category, s, d| {
        let contributions = match of {
            Some((c, list)) if c == category => list,
            _ => {
                let list = judged.of(category);
                of = Some((category, list));
                list
            }
        };
        if s.only {
            found.push(found_at(s, d, contributions));
        } else {
            several
                .entry(s.entry)
                .and_modify(|(old, at)| {
                    if d < *old {
                        (*old, *at) = (d, s);
                    }
                })
                .or_insert((d, s));
        }
    });
    found.extend(
        several
            .into_values()
            .map(|(d, s)| found_at(s, d, judged.of(s.brief.category))),
    );
    found
}

/// Her services, ranked and explained.
pub async fn matches(
    state: &AppState,
    auth: &AuthUser,
    p: MatchParams<'_>,
) -> Result<Matches, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let mut issues = Issues::default();
    let radius = parse_radius(p.radius_km, &mut issues);
    let open = parse_open_at(p.open_at, &mut issues);
    if p.max_cost_cents
        .is_some_and(|c| c > shared::CostOption::MAX_CENTS)
    {
        issues.push(FieldIssue::new(
            "/max_cost_cents",
            FieldCode::NumberOutOfRange,
        ));
    }
    issues.finish()?;
    let size = usize::try_from(pagination::page_size(p.page_size)?).unwrap_or(usize::MAX);
    let offset = decode_offset(p.page_token)?;
    // What the ranking reads, asked of the database at once.
    let (profile, week_row, declaration, contributions, saved, index) = tokio::try_join!(
        profile_of(state, auth),
        async { Ok(repo::week_of(&state.db, auth.user_id).await?) },
        async { Ok(repo::declaration_of(&state.db, auth.user_id).await?) },
        async {
            Ok(
                crate::catalogue::contributions::repo::in_force(&state.db, Some(auth.agency_id))
                    .await?,
            )
        },
        async { Ok(repo::shortlist_of(&state.db, auth.user_id).await?) },
        catalogue(state),
    )?;
    let her = her(state, &profile, today());
    let categories = match p.category {
        Some(c) => vec![c],
        None => {
            shared::relevant_categories(&her.child_ages, her.special_needs, her.cares_for_adults)
        }
    };
    let (hours_from, hours) = match (open, p.hours) {
        (Some(at), _) => (
            HoursSource::Asked,
            vec![Slot {
                day: at.day,
                from: at.from,
                to: at.to,
            }],
        ),
        (None, Some(HoursSource::None)) => (HoursSource::None, Vec::new()),
        (None, Some(HoursSource::Availability)) => {
            (HoursSource::Availability, her.available.clone())
        }
        (None, asked) => {
            let (plan, _) = plan_from(week_row, &her);
            match week_gaps(&plan, &shortlisted_care(&index, &saved)) {
                Some(gaps) if !gaps.is_empty() || asked == Some(HoursSource::Week) => {
                    (HoursSource::Week, gaps)
                }
                _ if !her.available.is_empty() => {
                    (HoursSource::Availability, her.available.clone())
                }
                _ => (HoursSource::None, Vec::new()),
            }
        }
    };
    let judged = judged(&her, declaration.as_ref(), contributions);
    let found = found_for_her(&index, &her, &categories, open, radius, &judged);
    let needs = Needs {
        hours: hours.clone(),
        child_ages_months: her.child_ages.clone(),
        radius_km: if her.home.is_some() { radius } else { 0.0 },
        from: Some(index.day),
    };
    let (page, next_page_token) = match p.max_cost_cents {
        // Only a full explanation tells the cost for her hours: explain all, then page.
        Some(max) => {
            let (mut all, _) = shared::rank_page(&found, &needs, 0, usize::MAX);
            all.retain(|(_, e)| e.monthly_cost.is_some_and(|c| c.after_cents <= max));
            page_of(all, offset, size as u64)
        }
        None => {
            let (page, total) = shared::rank_page(&found, &needs, offset, size);
            let next = (offset + page.len() < total).then(|| encode_offset(offset + page.len()));
            (page, next)
        }
    };
    let saved: HashSet<Uuid> = saved.into_iter().map(|s| s.service_id).collect();
    let items = page
        .into_iter()
        .filter_map(|(id, why)| {
            let service = index.get(id)?.service.as_ref().clone();
            let before = why.monthly_cost.map_or(0, |c| c.before_cents);
            let contributions = judged
                .of(service.category)
                .iter()
                .filter_map(|(cid, b, e)| {
                    let s = judged.schemes.iter().find(|s| s.id == *cid)?;
                    Some(ContributionFit {
                        contribution_id: *cid,
                        name: s.name.clone(),
                        eligibility: e.clone(),
                        cents_per_month: b.covers(before),
                    })
                })
                .collect();
            Some(ServiceMatch {
                why: shared::Explanation {
                    distance_km: why.distance_km.map(round_km),
                    ..why
                },
                saved: saved.contains(&service.id),
                service,
                contributions,
            })
        })
        .collect();
    Ok(Matches {
        hours_from,
        hours,
        categories,
        from: her.home,
        radius_km: radius,
        items,
        next_page_token,
    })
}

/// Her shortlist, newest first, each service as it is now.
pub async fn shortlist(state: &AppState, user: Uuid) -> Result<Vec<ShortlistItem>, ApiError> {
    let rows = repo::shortlist_of(&state.db, user).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.service_id).collect();
    let mut services: HashMap<Uuid, shared::Service> = in_order(state, &ids)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(ShortlistItem {
                service: services.remove(&r.service_id)?,
                saved_at: r.saved_at,
            })
        })
        .collect())
}

pub async fn my_shortlist(
    state: &AppState,
    auth: &AuthUser,
) -> Result<Vec<ShortlistItem>, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    shortlist(state, auth.user_id).await
}

/// Saves a published service to her shortlist (again: no change); counted when new.
pub async fn save(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Vec<ShortlistItem>, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    if repo::published_among(&state.db, Some(&[id]))
        .await?
        .is_empty()
    {
        return Err(ApiError::NotFound);
    }
    if repo::save(&state.db, auth.user_id, id, Utc::now()).await? {
        repo::count_use(&state.db, today(), auth.agency_id, id, "saved").await?;
    }
    shortlist(state, auth.user_id).await
}

/// Takes a service off her shortlist (also a retired one; again: no change).
pub async fn unsave(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<(), ApiError> {
    auth.require(&[Role::Jobseeker])?;
    repo::unsave(&state.db, auth.user_id, id).await?;
    Ok(())
}

/// She contacts a service's provider: its contacts, and one more contact counted.
pub async fn contact(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<ProviderBrief, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let row = repo::published_among(&state.db, Some(&[id]))
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    repo::count_use(&state.db, today(), auth.agency_id, id, "contacted").await?;
    Ok(service_dtos(&state.db, state, vec![row])
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?
        .provider)
}

/// A counsellor (or admin) of her agency reads her shortlist; audited.
pub async fn staff_shortlist(
    state: &AppState,
    caller: &Caller,
    staff: &AuthUser,
    id: Uuid,
) -> Result<Vec<ShortlistItem>, ApiError> {
    staff.require(&[Role::Counsellor, Role::Admin])?;
    crate::accounts::repo::user_of_agency(&state.db, staff.agency_id, id)
        .await?
        .filter(|u| u.role == Role::Jobseeker)
        .ok_or(ApiError::NotFound)?;
    let list = shortlist(state, id).await?;
    audit::record(
        &state.db,
        AuditEvent::new("shortlist_viewed")
            .actor(staff.user_id)
            .target("user", id)
            .agency(staff.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(list)
}

pub async fn declaration(state: &AppState, auth: &AuthUser) -> Result<Declaration, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    Ok(declared(
        repo::declaration_of(&state.db, auth.user_id)
            .await?
            .as_ref(),
    ))
}

/// Replaces what she declares; all empty removes the record.
pub async fn declare(
    state: &AppState,
    auth: &AuthUser,
    d: Declaration,
) -> Result<Declaration, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    if d == Declaration::default() {
        repo::delete_declaration(&state.db, auth.user_id).await?;
    } else {
        repo::put_declaration(
            &state.db,
            contribution_declaration::Model {
                user_id: auth.user_id,
                isee_band: d.isee_band,
                icef_band: d.icef_band,
                employment_status: d.employment_status,
                updated_at: Utc::now(),
            },
        )
        .await?;
    }
    declaration(state, auth).await
}

pub async fn forget_declaration(state: &AppState, auth: &AuthUser) -> Result<(), ApiError> {
    auth.require(&[Role::Jobseeker])?;
    repo::delete_declaration(&state.db, auth.user_id).await?;
    Ok(())
}

/// Her week as first shown: no job yet, her children (as her profile has them) with the usual
/// school hours of their age, her helpers with no hours yet.
fn first_plan(her: &Her, on: NaiveDate) -> WeekPlan {
    WeekPlan {
        job: Vec::new(),
        travel_minutes: 30,
        children: her
            .child_birth_years
            .iter()
            .map(|y| ChildWeek {
                birth_year: *y,
                school: shared::age_in_months(*y, on)
                    .map(shared::usual_school_hours)
                    .unwrap_or_default(),
            })
            .collect(),
        helpers: her
            .helpers
            .iter()
            .map(|h| HelperWeek {
                helper: *h,
                windows: Vec::new(),
            })
            .collect(),
    }
}

/// Her stored plan and its version, or the first one at version 0.
fn plan_from(row: Option<week::Model>, her: &Her) -> (WeekPlan, i32) {
    match row {
        Some(w) => (
            serde_json::from_value(w.plan).unwrap_or_else(|_| first_plan(her, today())),
            w.version,
        ),
        None => (first_plan(her, today()), 0),
    }
}

async fn plan_of(
    state: &AppState,
    auth: &AuthUser,
    her: &Her,
) -> Result<(WeekPlan, i32), ApiError> {
    Ok(plan_from(
        repo::week_of(&state.db, auth.user_id).await?,
        her,
    ))
}

/// The services she shortlisted that are published now, as her week reads them, in the
/// catalogue's order.
fn shortlisted_care(index: &Index, saved: &[shortlist::Model]) -> Vec<WeekService> {
    let mut at: Vec<usize> = saved
        .iter()
        .filter_map(|s| index.by_id.get(&s.service_id).copied())
        .collect();
    at.sort_unstable();
    at.dedup();
    at.into_iter()
        .map(|i| {
            let o = &index.entries[i].offer;
            WeekService {
                id: o.id,
                category: o.category,
                ages: o.ages,
                open: o.open().to_vec(),
            }
        })
        .collect()
}

/// Each child's cover for a plan.
fn covers(
    plan: &WeekPlan,
    services: &[WeekService],
    on: NaiveDate,
) -> (Vec<Slot>, Vec<ChildCover>) {
    let needed = shared::hours_needed(plan);
    let children = plan
        .children
        .iter()
        .map(|c| {
            let age = shared::age_in_months(c.birth_year, on).unwrap_or(0);
            ChildCover {
                birth_year: c.birth_year,
                age_years: age / 12,
                cover: shared::child_cover(&needed, age, c, &plan.helpers, services),
            }
        })
        .collect();
    (needed, children)
}

/// The gaps her saved week leaves (all children together); `None` without a job in it.
fn week_gaps(plan: &WeekPlan, services: &[WeekService]) -> Option<Vec<Slot>> {
    if plan.job.is_empty() {
        return None;
    }
    let (needed, children) = covers(plan, services, today());
    if children.is_empty() {
        return Some(needed);
    }
    Some(shared::normalise(
        children
            .iter()
            .flat_map(|c| c.cover.iter())
            .filter(|c| c.kind == shared::CoverKind::Gap)
            .map(|c| c.slot)
            .collect(),
    ))
}

/// Her week, with what covers each child and the services that would close each gap.
async fn view(
    state: &AppState,
    auth: &AuthUser,
    her: &Her,
    plan: WeekPlan,
    version: i32,
) -> Result<WeekView, ApiError> {
    let on = today();
    let (index, saved) = tokio::try_join!(catalogue(state), async {
        Ok(repo::shortlist_of(&state.db, auth.user_id).await?)
    },)?;
    let services = shortlisted_care(&index, &saved);
    let (needed, children) = covers(&plan, &services, on);
    let gaps = gaps_with_help(&index, her, &children, on);
    let gap_minutes = gaps.iter().map(|g| g.slot.minutes()).sum();
    Ok(WeekView {
        plan,
        version: u32::try_from(version).unwrap_or(0),
        needed,
        children,
        gaps,
        gap_minutes,
    })
}

/// The gaps in each child's cover, with the services near her that would close each (up to
/// three, most of the gap first).
fn gaps_with_help(index: &Index, her: &Her, children: &[ChildCover], on: NaiveDate) -> Vec<Gap> {
    let has_gap = children
        .iter()
        .any(|c| c.cover.iter().any(|x| x.kind == shared::CoverKind::Gap));
    let care: Vec<ServiceCategory> = ServiceCategory::ALL
        .iter()
        .copied()
        .filter(|c| shared::is_childcare(*c))
        .collect();
    let pool: Vec<(&Entry, Option<f64>)> = if has_gap {
        nearby(index, her, &care, None, DEFAULT_RADIUS_KM)
            .into_iter()
            .map(|(i, d)| (&index.entries[i], d))
            .collect()
    } else {
        Vec::new()
    };
    let mut gaps = Vec::new();
    for (i, child) in children.iter().enumerate() {
        let age = shared::age_in_months(child.birth_year, on).unwrap_or(0);
        for c in child
            .cover
            .iter()
            .filter(|c| c.kind == shared::CoverKind::Gap)
        {
            let mut helps: Vec<GapHelp> = pool
                .iter()
                .filter(|(e, _)| e.offer.ages.contains(age))
                .filter_map(|(e, d)| {
                    let covers = shared::covered_minutes(&[c.slot], e.offer.open());
                    (covers > 0).then(|| GapHelp {
                        service_id: e.offer.id,
                        name: e.service.name.clone(),
                        category: e.offer.category,
                        covers_minutes: covers,
                        distance_km: d.map(round_km),
                    })
                })
                .collect();
            helps.sort_by(|a, b| {
                b.covers_minutes
                    .cmp(&a.covers_minutes)
                    .then(
                        a.distance_km
                            .unwrap_or(f64::MAX)
                            .total_cmp(&b.distance_km.unwrap_or(f64::MAX)),
                    )
                    .then(a.service_id.cmp(&b.service_id))
            });
            helps.truncate(3);
            gaps.push(Gap {
                child: i,
                slot: c.slot,
                services: helps,
            });
        }
    }
    gaps
}

/// The gaps each of `jobs` (its hours, and her journey to it when known) would open in her
/// children's week if she took it: her week with the job's hours in place of hers, with the
/// services that would close each gap; and her children's birth years, by which the gaps name
/// them (by place). Shown beside an opportunity's score, never in it.
pub async fn gaps_if_working(
    state: &AppState,
    auth: &AuthUser,
    jobs: &[(Vec<OpeningWindow>, Option<u16>)],
) -> Result<(Vec<i32>, Vec<Vec<Gap>>), ApiError> {
    let on = today();
    let (profile, week_row, saved, index) = tokio::try_join!(
        profile_of(state, auth),
        async { Ok(repo::week_of(&state.db, auth.user_id).await?) },
        async { Ok(repo::shortlist_of(&state.db, auth.user_id).await?) },
        catalogue(state),
    )?;
    let her = her(state, &profile, on);
    let (plan, _) = plan_from(week_row, &her);
    let services = shortlisted_care(&index, &saved);
    let gaps = jobs
        .iter()
        .map(|(job, travel)| {
            let plan = WeekPlan {
                job: job.clone(),
                travel_minutes: travel.map_or(plan.travel_minutes, |t| t.min(WeekPlan::MAX_TRAVEL)),
                ..plan.clone()
            };
            let (_, children) = covers(&plan, &services, on);
            gaps_with_help(&index, &her, &children, on)
        })
        .collect();
    Ok((plan.children.iter().map(|c| c.birth_year).collect(), gaps))
}

pub async fn week(state: &AppState, auth: &AuthUser) -> Result<WeekView, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let profile = profile_of(state, auth).await?;
    let her = her(state, &profile, today());
    let (plan, version) = plan_of(state, auth, &her).await?;
    view(state, auth, &her, plan, version).await
}

fn check_windows(windows: &[OpeningWindow], pointer: &str, issues: &mut Issues) {
    let as_schedule = Schedule {
        weekly: windows.to_vec(),
        exceptions: Vec::new(),
    };
    match as_schedule.check() {
        Ok(()) => {}
        Err(shared::ScheduleIssue::Inverted(i)) => {
            issues.push(FieldIssue::new(
                format!("{pointer}/{i}"),
                FieldCode::WindowInverted,
            ));
        }
        Err(shared::ScheduleIssue::Overlapping(i)) => {
            issues.push(FieldIssue::new(
                format!("{pointer}/{i}"),
                FieldCode::WindowsOverlap,
            ));
        }
        Err(_) => issues.push(FieldIssue::new(pointer, FieldCode::TooManyItems)),
    }
}

/// Saves her week if `If-Match` names its version ("0" before the first save).
pub async fn save_week(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    if_match: Option<&str>,
    mut plan: WeekPlan,
) -> Result<WeekView, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let mut issues = Issues::default();
    check_windows(&plan.job, "/job", &mut issues);
    if plan.travel_minutes > WeekPlan::MAX_TRAVEL {
        issues.push(FieldIssue::new(
            "/travel_minutes",
            FieldCode::NumberOutOfRange,
        ));
    }
    if plan.children.len() > WeekPlan::MAX_PEOPLE {
        issues.push(FieldIssue::new("/children", FieldCode::TooManyItems));
    }
    let year = today().year();
    for (i, c) in plan.children.iter().enumerate() {
        if !(year - 60..=year + 1).contains(&c.birth_year) {
            issues.push(FieldIssue::new(
                format!("/children/{i}/birth_year"),
                FieldCode::YearOutOfRange,
            ));
        }
        check_windows(&c.school, &format!("/children/{i}/school"), &mut issues);
    }
    if plan.helpers.len() > WeekPlan::MAX_PEOPLE {
        issues.push(FieldIssue::new("/helpers", FieldCode::TooManyItems));
    }
    for (i, h) in plan.helpers.iter().enumerate() {
        if h.helper == Helper::Nobody {
            issues.push(FieldIssue::new(
                format!("/helpers/{i}/helper"),
                FieldCode::InvalidValue,
            ));
        }
        check_windows(&h.windows, &format!("/helpers/{i}/windows"), &mut issues);
    }
    issues.finish()?;
    let expected = crate::extract::if_match_version(if_match)?;
    let profile = profile_of(state, auth).await?;
    let her = her(state, &profile, today());
    let (_, version) = plan_of(state, auth, &her).await?;
    if i64::from(expected) != i64::from(version) {
        return Err(ApiError::PreconditionFailed);
    }
    plan.job.sort();
    for c in &mut plan.children {
        c.school.sort();
    }
    for h in &mut plan.helpers {
        h.windows.sort();
    }
    let value = serde_json::to_value(&plan).map_err(|e| ApiError::Internal(e.into()))?;
    if !repo::write_week(&state.db, auth.user_id, version, value, Utc::now()).await? {
        return Err(ApiError::PreconditionFailed);
    }
    audit::record(
        &state.db,
        AuditEvent::new("week_saved")
            .actor(auth.user_id)
            .target("user", auth.user_id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    view(state, auth, &her, plan, version + 1).await
}

/// What the services part holds about her, for her export.
pub async fn export(state: &AppState, user: Uuid) -> Result<shared::ServicesExport, ApiError> {
    let rows = repo::shortlist_of(&state.db, user).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.service_id).collect();
    let names: HashMap<Uuid, String> = repo::services_by_id(&state.db, &ids)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    Ok(shared::ServicesExport {
        declaration: declared(repo::declaration_of(&state.db, user).await?.as_ref()),
        shortlist: rows
            .into_iter()
            .map(|r| shared::SavedService {
                name: names.get(&r.service_id).cloned().unwrap_or_default(),
                service_id: r.service_id,
                saved_at: r.saved_at,
            })
            .collect(),
        week: repo::week_of(&state.db, user)
            .await?
            .and_then(|w| serde_json::from_value(w.plan).ok()),
    })
}
