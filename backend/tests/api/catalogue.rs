//! The catalogue of conciliation services' tables (issue 14, before its endpoints): a provider
//! with a location, a service offered there with its windows, a price and a place on her
//! shortlist, on both databases; a location must be in a known municipality; retiring is a
//! state, deleting a provider takes its services and their rows with it.

use backend::entities::{
    cost_option, location, provider, service, service_location, service_window, shortlist,
};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use shared::{
    CostUnit, OpeningWindow, Places, ProviderKind, Schedule, ServiceCategory, TimeOfDay, Weekday,
};
use uuid::Uuid;

use crate::db_tests;
use crate::helpers::*;

db_tests!(the_catalogue_tables_hold_a_service_where_and_when_it_is_offered);

async fn the_catalogue_tables_hold_a_service_where_and_when_it_is_offered(db: TestDb) {
    let app = spawn_app(&db).await;
    let now = Utc::now();
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let giulia_id = json::<shared::Me>(app.get("/me", Some(&giulia)).await)
        .await
        .id
        .0;

    let provider = provider::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(MILANO),
        name: Set("Cooperativa Il Girasole".to_owned()),
        kind: Set(ProviderKind::ThirdSector),
        description: Set(None),
        email: Set(Some("info@girasole.example".to_owned())),
        phone: Set(None),
        website: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        retired_at: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let place = |municipality: &str| location::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(MILANO),
        provider_id: Set(provider.id),
        name: Set("Scuola primaria Manzoni".to_owned()),
        address: Set("Via Manzoni 12".to_owned()),
        municipality_code: Set(municipality.to_owned()),
        lat: Set(45.5335),
        lon: Set(9.2352),
        created_at: Set(now),
    };
    assert!(
        place("999999").insert(&app.db).await.is_err(),
        "a location in an unknown municipality is refused"
    );
    let loc = place("015209").insert(&app.db).await.unwrap();

    let t = |s: &str| TimeOfDay::parse(s).unwrap();
    let schedule = Schedule {
        weekly: [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .flat_map(|day| {
            [
                OpeningWindow {
                    day,
                    opens: t("07:30"),
                    closes: t("08:30"),
                },
                OpeningWindow {
                    day,
                    opens: t("16:30"),
                    closes: t("18:30"),
                },
            ]
        })
        .collect(),
        exceptions: vec![],
    };
    assert_eq!(schedule.check(), Ok(()));
    let svc = service::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(MILANO),
        provider_id: Set(provider.id),
        name: Set("Pre e post scuola Manzoni".to_owned()),
        description: Set(serde_json::json!({"it": "Accoglienza prima e dopo la scuola.", "en": "Care before and after school."})),
        category: Set(ServiceCategory::PreAfterSchool),
        min_age_months: Set(Some(72)),
        max_age_months: Set(Some(131)),
        languages: Set(serde_json::json!(["it", "en"])),
        accessibility: Set(serde_json::json!(["step_free"])),
        capacity: Set(Some(40)),
        places: Set(Places::Open),
        schedule: Set(serde_json::to_value(&schedule).unwrap()),
        status: Set("published".to_owned()),
        verified_at: Set(Some(now)),
        verified_by: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    service_location::ActiveModel {
        service_id: Set(svc.id),
        location_id: Set(loc.id),
    }
    .insert(&app.db)
    .await
    .unwrap();
    for w in &schedule.weekly {
        let day = Weekday::ALL.iter().position(|d| *d == w.day).unwrap();
        service_window::ActiveModel {
            service_id: Set(svc.id),
            day: Set(i16::try_from(day).unwrap()),
            opens: Set(i16::try_from(w.opens.minutes()).unwrap()),
            closes: Set(i16::try_from(w.closes.minutes()).unwrap()),
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    cost_option::ActiveModel {
        id: Set(Uuid::now_v7()),
        service_id: Set(svc.id),
        unit: Set(CostUnit::Month),
        amount_cents: Set(6500),
        note: Set(Some("Merenda inclusa".to_owned())),
    }
    .insert(&app.db)
    .await
    .unwrap();
    shortlist::ActiveModel {
        user_id: Set(giulia_id),
        service_id: Set(svc.id),
        saved_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();

    // Read back as written: open on Monday at 17:00, the schedule whole, the price.
    let open_at_17 = service_window::Entity::find()
        .filter(service_window::Column::Day.eq(0))
        .filter(service_window::Column::Opens.lte(17 * 60))
        .filter(service_window::Column::Closes.gt(17 * 60))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(open_at_17.len(), 1);
    assert_eq!(open_at_17[0].service_id, svc.id);
    let stored = service::Entity::find_by_id(svc.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        serde_json::from_value::<Schedule>(stored.schedule).unwrap(),
        schedule
    );
    assert_eq!(stored.category, ServiceCategory::PreAfterSchool);
    assert_eq!(stored.places, Places::Open);

    // Deleting the provider takes its services, their windows, prices, places and shortlists.
    provider::Entity::delete_by_id(provider.id)
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(service::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(
        service_window::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(cost_option::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(shortlist::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(location::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(
        service_location::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}
