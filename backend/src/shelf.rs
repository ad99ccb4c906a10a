//! The published catalogue of conciliation services in memory: what the public search and her
//! matches read, so that neither queries the services per request. Built from the database at
//! a catalogue revision and for a day (a service is in season or not from that day); a read that finds the stored
//! revision or the day moved on builds it again (`catalogue::finding::service::catalogue`).
//! Only types here, outside the catalogue's module: the application state holds a `Shelf`.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::NaiveDate;
use shared::{GeoPoint, Offer};
use uuid::Uuid;

/// One published service of a live provider.
pub struct Entry {
    /// What the ranking reads, prepared for the index's day.
    pub offer: Offer,
    /// Its name in lower case, for `q`.
    pub name_key: String,
    /// Its live locations: where and in which municipality.
    pub places: Vec<(GeoPoint, String)>,
    /// As its readers see it.
    pub service: Arc<shared::Service>,
}

/// The published catalogue at a revision, for a day.
pub struct Index {
    pub revision: i64,
    pub day: NaiveDate,
    /// By name, then id.
    pub entries: Vec<Entry>,
    pub by_id: HashMap<Uuid, usize>,
    /// The entries of each category, in the entries' order.
    pub by_category: HashMap<shared::ServiceCategory, Vec<usize>>,
    /// The live locations of each category's entries, south to north: a look within a
    /// radius reads only the band of latitudes it can reach, in one contiguous run.
    pub spots: HashMap<shared::ServiceCategory, Vec<Spot>>,
    /// The spots' slots, in the spots' order.
    pub slots: Vec<shared::Slot>,
}

/// A live location of an entry, with what her ranking reads of the entry: a look within a
/// radius reads these small records one after the other, not the entries.
#[derive(Debug, Clone, Copy)]
pub struct Spot {
    pub point: GeoPoint,
    /// The entry's index.
    pub entry: u32,
    /// Which of the entry's places.
    pub place: u32,
    /// Whether it is the entry's only place (then no other spot can be nearer for it).
    pub only: bool,
    pub brief: shared::Brief,
    /// Where the entry's slots are in [`Index::slots`] (copied beside the spot's neighbours).
    pub open: (u32, u32),
}

impl Index {
    pub fn new(revision: i64, day: NaiveDate, mut entries: Vec<Entry>) -> Self {
        entries.sort_by(|a, b| {
            a.service
                .name
                .cmp(&b.service.name)
                .then(a.offer.id.cmp(&b.offer.id))
        });
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.offer.id, i))
            .collect();
        let mut by_category: HashMap<shared::ServiceCategory, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_category.entry(e.offer.category).or_default().push(i);
        }
        let mut spots: HashMap<shared::ServiceCategory, Vec<Spot>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let list = spots.entry(e.offer.category).or_default();
            for (p, (point, _)) in e.places.iter().enumerate() {
                list.push(Spot {
                    point: *point,
                    entry: u32::try_from(i).unwrap_or(u32::MAX),
                    place: u32::try_from(p).unwrap_or(u32::MAX),
                    only: e.places.len() == 1,
                    brief: e.offer.brief(),
                    open: (0, 0),
                });
            }
        }
        let mut slots = Vec::new();
        for list in spots.values_mut() {
            list.sort_by(|a, b| a.point.lat.total_cmp(&b.point.lat));
            for spot in list.iter_mut() {
                let open = entries[spot.entry as usize].offer.open();
                let start = u32::try_from(slots.len()).unwrap_or(u32::MAX);
                slots.extend_from_slice(open);
                spot.open = (start, u32::try_from(slots.len()).unwrap_or(u32::MAX));
            }
        }
        Self {
            revision,
            day,
            entries,
            by_id,
            by_category,
            spots,
            slots,
        }
    }

    /// The spots of `categories` (all with none), each category's once, south to north.
    pub fn spots_of<'s, 'c>(
        &'s self,
        categories: &'c [shared::ServiceCategory],
    ) -> impl Iterator<Item = (shared::ServiceCategory, &'s [Spot])> + use<'s, 'c> {
        let all = categories.is_empty();
        self.spots
            .iter()
            .filter(move |(c, _)| all || categories.contains(c))
            .map(|(c, list)| (*c, list.as_slice()))
    }

    /// A spot's slots.
    pub fn open_of(&self, spot: &Spot) -> &[shared::Slot] {
        self.slots
            .get(spot.open.0 as usize..spot.open.1 as usize)
            .unwrap_or_default()
    }

    /// The entries of `categories` (all with none); with `ordered`, in the entries' order.
    pub fn of_categories(
        &self,
        categories: &[shared::ServiceCategory],
        ordered: bool,
    ) -> Vec<usize> {
        if categories.is_empty() {
            return (0..self.entries.len()).collect();
        }
        let mut out: Vec<usize> = categories
            .iter()
            .enumerate()
            .filter(|(i, c)| !categories[..*i].contains(c))
            .filter_map(|(_, c)| self.by_category.get(c))
            .flatten()
            .copied()
            .collect();
        if ordered {
            out.sort_unstable();
        }
        out
    }

    pub fn get(&self, id: Uuid) -> Option<&Entry> {
        self.by_id.get(&id).and_then(|i| self.entries.get(*i))
    }
}

/// Where something built from the database at a revision and for a day is kept in memory:
/// the one built last, and a lock so that one request builds it while the others wait for it
/// rather than build it too.
pub struct Stock<T> {
    current: RwLock<Option<(i64, NaiveDate, Arc<T>)>>,
    pub building: tokio::sync::Mutex<()>,
}

impl<T> Default for Stock<T> {
    fn default() -> Self {
        Stock {
            current: RwLock::new(None),
            building: tokio::sync::Mutex::new(()),
        }
    }
}

impl<T> Stock<T> {
    /// What was built at `revision` for `day`, if that is what is kept.
    pub fn fresh(&self, revision: i64, day: NaiveDate) -> Option<Arc<T>> {
        let current = self
            .current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        current
            .as_ref()
            .filter(|(r, d, _)| *r == revision && *d == day)
            .map(|(_, _, t)| t.clone())
    }

    pub fn put(&self, revision: i64, day: NaiveDate, built: Arc<T>) {
        *self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some((revision, day, built));
    }
}

/// The published catalogue in memory.
pub type Shelf = Stock<Index>;

/// An open opportunity (published, not past its closing date) as her matches read it: the
/// row, its employer's name and what it offers parents, and what the match reads, parsed once.
pub struct OpenOpportunity {
    pub row: crate::entities::opportunity::Model,
    pub employer: String,
    pub benefits: Vec<shared::EmployerBenefit>,
    pub offered: shared::Offered,
}

/// The open opportunities of every agency, in memory.
pub struct OpenOpportunities {
    pub all: Vec<OpenOpportunity>,
    /// Each agency's, as places in `all`.
    pub by_agency: HashMap<Uuid, Vec<usize>>,
}
