//! The API's user-facing texts in Italian (default) and English, by language-neutral code:
//! one entry per [`ErrorCode`] and [`FieldCode`], so no code can lack its texts.

use shared::{ErrorCode, FieldCode, Language};

pub struct ProblemText {
    pub title: &'static str,
    pub detail: &'static str,
}

/// The title and detail of a problem, Italian then English.
const fn problem_texts(code: ErrorCode) -> [&'static str; 4] {
    match code {
        ErrorCode::Validation => [
            "Dati non validi",
            "Alcuni campi non sono validi: vedi `errors`.",
            "Invalid input",
            "Some fields are not valid: see `errors`.",
        ],
        ErrorCode::InvalidBody => [
            "Corpo della richiesta non valido",
            "Il JSON non ha la forma attesa.",
            "Invalid request body",
            "The JSON does not have the expected shape.",
        ],
        ErrorCode::MalformedJson => [
            "JSON non leggibile",
            "Il corpo della richiesta non è JSON valido.",
            "Malformed JSON",
            "The request body is not valid JSON.",
        ],
        ErrorCode::BadRequest => [
            "Richiesta non valida",
            "La richiesta non è stata capita.",
            "Bad request",
            "The request could not be understood.",
        ],
        ErrorCode::BodyNotExpected => [
            "Corpo non previsto",
            "Questa operazione non prende un corpo: invia la richiesta senza.",
            "No body expected",
            "This operation takes no body: send the request without one.",
        ],
        ErrorCode::InvalidQuery => [
            "Parametri non validi",
            "I parametri dell'indirizzo non sono validi.",
            "Invalid query parameters",
            "The query parameters are not valid.",
        ],
        ErrorCode::InvalidPath => [
            "Indirizzo non valido",
            "Una parte dell'indirizzo non è valida.",
            "Invalid path",
            "A part of the path is not valid.",
        ],
        ErrorCode::InvalidPageToken => [
            "Pagina non valida",
            "Il `page_token` non è valido: ripartire dalla prima pagina.",
            "Invalid page",
            "The `page_token` is not valid: start again from the first page.",
        ],
        ErrorCode::UnsupportedMediaType => [
            "Formato non supportato",
            "Inviare il corpo come `application/json`.",
            "Unsupported media type",
            "Send the body as `application/json`.",
        ],
        ErrorCode::PayloadTooLarge => [
            "Richiesta troppo grande",
            "Il corpo supera il limite consentito ({limit} byte).",
            "Payload too large",
            "The body exceeds the allowed size ({limit} bytes).",
        ],
        ErrorCode::Unauthorized => [
            "Accesso richiesto",
            "Effettuare l'accesso per continuare.",
            "Sign-in required",
            "Sign in to continue.",
        ],
        ErrorCode::MissingToken => [
            "Accesso richiesto",
            "Manca il token di accesso (`Authorization: Bearer ...`).",
            "Sign-in required",
            "The access token is missing (`Authorization: Bearer ...`).",
        ],
        ErrorCode::InvalidToken => [
            "Sessione non valida",
            "Il token di accesso non è valido o è scaduto.",
            "Invalid session",
            "The access token is invalid or has expired.",
        ],
        ErrorCode::InvalidCredentials => [
            "Credenziali errate",
            "Email o password non corrette.",
            "Wrong credentials",
            "Email or password is not correct.",
        ],
        ErrorCode::InvalidRefreshToken => [
            "Sessione scaduta",
            "La sessione è scaduta o è stata chiusa: accedere di nuovo.",
            "Session expired",
            "The session has expired or was ended: sign in again.",
        ],
        ErrorCode::AccountDisabled => [
            "Account disattivato",
            "Questo account è stato disattivato. Rivolgersi alla propria agenzia.",
            "Account disabled",
            "This account has been disabled. Contact your agency.",
        ],
        ErrorCode::InvalidSetPasswordToken => [
            "Link non valido",
            "Il link per impostare la password non è valido, è scaduto o è già stato usato.",
            "Invalid link",
            "The set-password link is invalid, has expired or was already used.",
        ],
        ErrorCode::Forbidden => [
            "Operazione non consentita",
            "Il proprio ruolo non consente questa operazione.",
            "Not allowed",
            "Your role does not allow this operation.",
        ],
        ErrorCode::CannotDisableSelf => [
            "Operazione non consentita",
            "Non è possibile disattivare il proprio account.",
            "Not allowed",
            "You cannot disable your own account.",
        ],
        ErrorCode::NotFound => [
            "Non trovato",
            "La risorsa richiesta non esiste.",
            "Not found",
            "The requested resource does not exist.",
        ],
        ErrorCode::MethodNotAllowed => [
            "Metodo non consentito",
            "Questo indirizzo non accetta questo metodo: vedi l'intestazione `Allow`.",
            "Method not allowed",
            "This path does not accept this method: see the `Allow` header.",
        ],
        ErrorCode::EmailTaken => [
            "Email già registrata",
            "Esiste già un account con questa email.",
            "Email already registered",
            "An account with this email already exists.",
        ],
        ErrorCode::FrameworkChanged => [
            "Quadro delle competenze cambiato",
            "Un'altra versione del quadro è stata pubblicata mentre la modificavi: ricarica e riapplica le modifiche.",
            "Framework changed",
            "Another version of the framework was published while you were editing: reload and apply your changes again.",
        ],
        ErrorCode::FrameworkUnchanged => [
            "Nessuna modifica",
            "Il quadro proposto è uguale alla versione attuale: non c'è nulla da pubblicare.",
            "No change",
            "The proposed framework is the same as the current version: there is nothing to publish.",
        ],
        ErrorCode::NotAMember => [
            "Non fai parte della stanza",
            "Entra nella stanza per scrivere o segnare i messaggi come letti.",
            "Not a member of the room",
            "Join the room to write or to mark messages as read.",
        ],
        ErrorCode::MessageDeleted => [
            "Messaggio eliminato",
            "Il messaggio è stato eliminato: non si può più modificare né commentare.",
            "Message deleted",
            "The message was deleted: it can no longer be edited or reacted to.",
        ],
        ErrorCode::Muted => [
            "Non puoi scrivere per ora",
            "Un moderatore ti ha silenziata in questa stanza: nella stanza trovi fino a quando e perché.",
            "You cannot write for now",
            "A moderator muted you in this room: the room shows until when and why.",
        ],
        ErrorCode::Banned => [
            "Esclusa dalla stanza",
            "Questa persona è stata esclusa dalla stanza da una moderatrice.",
            "Banned from the room",
            "This person was banned from the room by a moderator.",
        ],
        ErrorCode::NotHeld => [
            "Messaggio non trattenuto",
            "Questo messaggio non è in attesa di revisione.",
            "Message not held",
            "This message is not waiting for review.",
        ],
        ErrorCode::ReportHandled => [
            "Segnalazione già chiusa",
            "Questa segnalazione è già stata gestita.",
            "Report already closed",
            "This report has already been handled.",
        ],
        ErrorCode::DirectMessagesOff => [
            "Non riceve messaggi diretti",
            "Questa persona non accetta messaggi diretti da altre partecipanti. Potete scrivervi nelle stanze che frequentate.",
            "Not accepting direct messages",
            "This person does not accept direct messages from other participants. You can write to each other in the rooms you share.",
        ],
        ErrorCode::DirectMessagesOffMine => [
            "Messaggi diretti disattivati",
            "Per scrivere direttamente a un'altra partecipante, attiva prima i messaggi diretti nelle tue impostazioni della comunità.",
            "Direct messages turned off",
            "To write directly to another participant, first turn on direct messages in your community settings.",
        ],
        ErrorCode::DirectPeerGone => [
            "Persona non più presente",
            "Questa persona non fa più parte del programma: la conversazione si può solo leggere.",
            "Person no longer here",
            "This person is no longer in the programme: the conversation can only be read.",
        ],
        ErrorCode::RoomArchived => [
            "Stanza archiviata",
            "La stanza è archiviata: si può leggere ma non scrivere né entrare.",
            "Room archived",
            "The room is archived: it can be read, but no one can write in it or join it.",
        ],
        ErrorCode::RetakeTooSoon => [
            "Troppo presto per rifarlo",
            "Questo questionario si può rifare solo dopo il periodo stabilito dall'agenzia dall'ultimo invio.",
            "Too soon to take it again",
            "This questionnaire can be taken again only after the period set by the agency since the last submission.",
        ],
        ErrorCode::AttemptSubmitted => [
            "Questionario già inviato",
            "Un questionario inviato non si può più modificare.",
            "Questionnaire already submitted",
            "A submitted questionnaire can no longer be changed.",
        ],
        ErrorCode::AlreadyValidated => [
            "Già convalidato",
            "Questo questionario è già stato convalidato.",
            "Already validated",
            "This questionnaire has already been validated.",
        ],
        ErrorCode::InstrumentNotDraft => [
            "Versione non modificabile",
            "Solo una bozza si può modificare o pubblicare: una versione pubblicata non cambia più.",
            "Version cannot be changed",
            "Only a draft can be edited or published: a published version never changes.",
        ],
        ErrorCode::InstrumentNotPublished => [
            "Versione non pubblicata",
            "Si può ritirare solo una versione pubblicata.",
            "Version not published",
            "Only a published version can be retired.",
        ],
        ErrorCode::VersionTaken => [
            "Versione già creata",
            "Un'altra persona ha appena creato questa versione: riprovare.",
            "Version already created",
            "Someone has just created this version: try again.",
        ],
        ErrorCode::NotValidated => [
            "Non ancora convalidato",
            "Il portfolio è disponibile dopo la convalida della tua operatrice.",
            "Not validated yet",
            "The portfolio is available once your counsellor has validated it.",
        ],
        ErrorCode::NothingAnswered => [
            "Nessuna risposta",
            "Rispondi ad almeno una domanda prima di inviare.",
            "No answers",
            "Answer at least one question before submitting.",
        ],
        ErrorCode::ProviderRetired => [
            "Ente ritirato",
            "L'ente che gestisce questo servizio è stato ritirato dal catalogo: riattivarlo prima di pubblicare.",
            "Provider retired",
            "The provider running this service was retired from the catalogue: it cannot take new services or locations.",
        ],
        ErrorCode::LocationInUse => [
            "Sede in uso",
            "Questa sede ha ancora servizi attivi: spostarli o ritirarli prima di ritirare la sede.",
            "Location in use",
            "Services still run at this location: move or retire them before retiring it.",
        ],
        ErrorCode::OpportunityNotDraft => [
            "Non è una bozza",
            "Solo una bozza si può pubblicare: questa opportunità è già pubblicata o chiusa.",
            "Not a draft",
            "Only a draft can be published: this opportunity is already published or closed.",
        ],
        ErrorCode::OpportunityClosed => [
            "Opportunità chiusa",
            "Questa opportunità è chiusa: non si può più modificare né chiudere di nuovo.",
            "Opportunity closed",
            "This opportunity is closed: it can no longer be changed or closed again.",
        ],
        ErrorCode::OpportunityNotOpen => [
            "Opportunità non aperta",
            "Si può proporre una persona solo per un'opportunità pubblicata e non ancora scaduta.",
            "Opportunity not open",
            "Someone can be proposed only for a published opportunity that has not closed.",
        ],
        ErrorCode::AlreadyApplied => [
            "Candidatura già presente",
            "Per questa opportunità c'è già una candidatura (o una proposta) di questa persona.",
            "Already applied",
            "There already is an application (or a proposal) of this person for this opportunity.",
        ],
        ErrorCode::NotAProposal => [
            "Non è una proposta in attesa",
            "Si può accettare o rifiutare solo una proposta a cui non hai ancora risposto.",
            "Not a waiting proposal",
            "Only a proposal you have not answered yet can be accepted or declined.",
        ],
        ErrorCode::ApplicationEnded => [
            "Candidatura conclusa",
            "Questa candidatura è conclusa: non si può più ritirare.",
            "Application ended",
            "This application has ended: it can no longer be withdrawn.",
        ],
        ErrorCode::MoveNotAllowed => [
            "Passaggio non possibile",
            "Una candidatura avanza di un passo alla volta (ricevuta, colloquio, offerta, assunta) o passa a non selezionata; una candidatura conclusa o ritirata non cambia più.",
            "Move not allowed",
            "An application moves one step at a time (received, interview, offer, hired) or to not selected; an ended or withdrawn one no longer changes.",
        ],
        ErrorCode::RequestDecided => [
            "Richiesta già decisa",
            "Questa richiesta di adesione è già stata approvata o rifiutata.",
            "Request already decided",
            "This request to join has already been approved or declined.",
        ],
        ErrorCode::PreconditionFailed => [
            "Modificato altrove",
            "Questa sezione è stata salvata da un altro dispositivo dopo che l'hai aperta: ricaricala e riapplica le modifiche.",
            "Changed elsewhere",
            "This section was saved from another device after you opened it: reload it and apply your changes again.",
        ],
        ErrorCode::PreconditionRequired => [
            "Versione mancante",
            "Per modificare questa risorsa occorre l'intestazione `If-Match` con il suo `ETag`.",
            "Version missing",
            "Changing this resource needs an `If-Match` header with its `ETag`.",
        ],
        ErrorCode::TooManyRequests => [
            "Troppi tentativi",
            "Riprovare tra {seconds} secondi.",
            "Too many attempts",
            "Try again in {seconds} seconds.",
        ],
        ErrorCode::Unavailable => [
            "Servizio non disponibile",
            "Un servizio necessario non risponde. Riprovare più tardi.",
            "Service unavailable",
            "A required service is not answering. Try again later.",
        ],
        ErrorCode::Internal => [
            "Errore interno",
            "Si è verificato un errore imprevisto. Riprovare più tardi.",
            "Internal error",
            "An unexpected error occurred. Try again later.",
        ],
        // The live socket's own refusals.
        ErrorCode::AuthRequired => [
            "Accesso richiesto",
            "Il primo messaggio del canale deve essere `auth` con il token di accesso.",
            "Sign-in required",
            "The channel's first message must be `auth` with the access token.",
        ],
        ErrorCode::InvalidEvent => [
            "Messaggio non valido",
            "Il messaggio inviato sul canale non è un evento conosciuto.",
            "Invalid message",
            "The message sent on the channel is not a known event.",
        ],
        ErrorCode::SessionEnded => [
            "Sessione chiusa",
            "La sessione è stata chiusa: accedere di nuovo.",
            "Session ended",
            "The session was ended: sign in again.",
        ],
        ErrorCode::TokenExpired => [
            "Sessione scaduta",
            "Il token di accesso è scaduto: rinnovarlo e inviare di nuovo `auth`.",
            "Session expired",
            "The access token has expired: refresh it and send `auth` again.",
        ],
    }
}

/// The message of a field rule, Italian then English.
const fn field_texts(code: FieldCode) -> [&'static str; 2] {
    match code {
        FieldCode::Required => ["Campo obbligatorio.", "This field is required."],
        FieldCode::InvalidValue => [
            "Valore non valido per questo campo.",
            "Invalid value for this field.",
        ],
        FieldCode::EmailInvalid => [
            "Indirizzo email non valido.",
            "This is not a valid email address.",
        ],
        FieldCode::EmailTooLong => [
            "L'indirizzo email è troppo lungo (massimo 254 caratteri).",
            "The email address is too long (at most 254 characters).",
        ],
        FieldCode::PasswordTooShort => [
            "La password deve avere almeno 8 caratteri.",
            "The password must have at least 8 characters.",
        ],
        FieldCode::PasswordTooLong => [
            "La password può avere al massimo 128 caratteri.",
            "The password can have at most 128 characters.",
        ],
        FieldCode::PasswordTooCommon => [
            "Questa password è troppo comune: sceglierne un'altra.",
            "This password is too common: choose another one.",
        ],
        FieldCode::PasswordSameAsCurrent => [
            "La nuova password deve essere diversa da quella attuale.",
            "The new password must differ from the current one.",
        ],
        FieldCode::CurrentPasswordWrong => [
            "La password attuale non è corretta.",
            "The current password is not correct.",
        ],
        FieldCode::NameRequired => ["Indicare il nome.", "Enter the name."],
        FieldCode::NameTooLong => [
            "Il nome è troppo lungo (massimo 100 caratteri).",
            "The name is too long (at most 100 characters).",
        ],
        FieldCode::NameInvalid => [
            "Il nome contiene caratteri non ammessi.",
            "The name contains characters that are not allowed.",
        ],
        FieldCode::AgencyUnknown => [
            "Scegli la tua agenzia tra quelle dell'elenco.",
            "Choose your agency from the list.",
        ],
        FieldCode::PrivacyNoticeNotAccepted => [
            "Per registrarsi occorre accettare l'informativa sulla privacy.",
            "To register you must accept the privacy notice.",
        ],
        FieldCode::PrivacyNoticeOutdated => [
            "L'informativa sulla privacy è cambiata: rileggerla e accettarla di nuovo.",
            "The privacy notice has changed: read and accept it again.",
        ],
        FieldCode::RoleNotStaff => [
            "Scegliere un ruolo del personale: operatore, community manager o amministratore.",
            "Choose a staff role: counsellor, community manager or admin.",
        ],
        FieldCode::TextTooLong => ["Il testo è troppo lungo.", "The text is too long."],
        FieldCode::TextInvalid => [
            "Il testo contiene caratteri non ammessi.",
            "The text contains characters that are not allowed.",
        ],
        FieldCode::TooManyItems => [
            "Troppi elementi (massimo 20).",
            "Too many items (at most 20).",
        ],
        FieldCode::DuplicateValue => [
            "Questo valore è già presente.",
            "This value is already there.",
        ],
        FieldCode::LanguageUnknown => [
            "Lingua non presente nell'elenco.",
            "This language is not in the list.",
        ],
        FieldCode::MunicipalityUnknown => [
            "Comune non presente nell'elenco dei territori delle agenzie.",
            "This municipality is not in the agencies' territories.",
        ],
        FieldCode::PhoneInvalid => [
            "Numero di telefono non valido (da 6 a 15 cifre, con + iniziale facoltativo).",
            "This is not a valid phone number (6 to 15 digits, optional leading +).",
        ],
        FieldCode::CoordinatesOutOfRange => [
            "Coordinate fuori intervallo: latitudine da -90 a 90, longitudine da -180 a 180.",
            "Coordinates out of range: latitude from -90 to 90, longitude from -180 to 180.",
        ],
        FieldCode::WindowInverted => [
            "L'orario di chiusura deve venire dopo quello di apertura.",
            "The closing time must come after the opening time.",
        ],
        FieldCode::WindowsOverlap => [
            "Questa fascia oraria si sovrappone a un'altra dello stesso giorno.",
            "This opening window overlaps another one on the same day.",
        ],
        FieldCode::AgesReversed => [
            "L'età minima non può superare l'età massima.",
            "The lowest age cannot be above the highest age.",
        ],
        FieldCode::LocationUnknown => [
            "Sede sconosciuta: indicare una sede attiva dello stesso ente.",
            "Unknown location: give a live location of the same provider.",
        ],
        FieldCode::ProviderUnknown => [
            "Ente sconosciuto o ritirato in questa agenzia.",
            "No such live provider in this agency.",
        ],
        FieldCode::OpenAtInvalid => [
            "Orario non valido: usare giorno@HH:MM-HH:MM, per esempio mon@16:00-18:30.",
            "Invalid hours: use day@HH:MM-HH:MM, for example mon@16:00-18:30.",
        ],
        FieldCode::FileUnreadable => [
            "File illeggibile: serve un CSV in UTF-8 con separatore ; e una riga di intestazione.",
            "Unreadable file: a CSV in UTF-8 with ; as separator and a header row is needed.",
        ],
        FieldCode::FileEmpty => [
            "Il file non contiene righe da importare.",
            "The file holds no rows to import.",
        ],
        FieldCode::ColumnMissing => [
            "Manca questa colonna nell'intestazione.",
            "This column is missing from the header.",
        ],
        FieldCode::ColumnUnknown => [
            "Colonna sconosciuta: usare i nomi di colonna del modello di esportazione.",
            "Unknown column: use the column names of the export.",
        ],
        FieldCode::RowMalformed => [
            "La riga non ha lo stesso numero di colonne dell'intestazione.",
            "The row does not have as many columns as the header.",
        ],
        FieldCode::EmployerUnknown => [
            "Impresa sconosciuta in questa agenzia.",
            "No such employer in this agency.",
        ],
        FieldCode::NotForContract => [
            "Non previsto per questo tipo di contratto (l'indennità solo per un tirocinio; la durata non per un contratto a tempo indeterminato).",
            "Not for this kind of contract (a stipend only for a traineeship; a duration not for a permanent contract).",
        ],
        FieldCode::HoursBeyondWindows => [
            "Le ore settimanali superano le fasce orarie indicate: aggiungere fasce o ridurre le ore.",
            "The weekly hours are more than the time windows hold: add windows or lower the hours.",
        ],
        FieldCode::ReasonRequired => [
            "Indicare il motivo: la candidata lo leggerà.",
            "Give the reason: she will read it.",
        ],
        FieldCode::ReasonNotAllowed => [
            "Il motivo si indica solo quando la candidata non è selezionata.",
            "A reason is given only when she is not selected.",
        ],
        FieldCode::ScheduleInvalid => [
            "Orari non validi: usare per esempio mon 16:00-18:30 | tue 16:00-18:30, chiusure 2026-12-24..2027-01-06 school_closure.",
            "Invalid hours: write for example mon 16:00-18:30 | tue 16:00-18:30, closures 2026-12-24..2027-01-06 school_closure.",
        ],
        FieldCode::NearInvalid => [
            "Punto non valido: usare latitudine,longitudine, per esempio 45.58,9.27.",
            "Invalid point: use latitude,longitude, for example 45.58,9.27.",
        ],
        FieldCode::WebsiteInvalid => [
            "Indirizzo web non valido: deve iniziare con https:// (o http://).",
            "This is not a web address: it must start with https:// (or http://).",
        ],
        FieldCode::PhoneRequired => [
            "Indicare un numero di telefono per essere contattata per telefono, SMS o WhatsApp.",
            "Give a phone number to be contacted by phone, SMS or WhatsApp.",
        ],
        FieldCode::YearOutOfRange => [
            "Anno fuori dall'intervallo ammesso.",
            "The year is outside the allowed range.",
        ],
        FieldCode::NumberOutOfRange => [
            "Numero fuori dall'intervallo ammesso.",
            "The number is outside the allowed range.",
        ],
        FieldCode::MonthInvalid => [
            "Indicare mese e anno nel formato AAAA-MM.",
            "Give month and year as YYYY-MM.",
        ],
        FieldCode::MonthInFuture => [
            "Il mese non può essere nel futuro.",
            "The month cannot be in the future.",
        ],
        FieldCode::EndBeforeStart => [
            "La fine viene prima dell'inizio.",
            "The end comes before the start.",
        ],
        FieldCode::NobodyWithOthers => [
            "\"Nessuno\" non può essere scelto insieme ad altre risposte.",
            "\"Nobody\" cannot be chosen together with other answers.",
        ],
        FieldCode::HourOutOfRange => [
            "Le ore della griglia vanno dalle 7 alle 22.",
            "The grid's hours run from 7:00 to 22:00.",
        ],
        FieldCode::DateOutOfRange => [
            "La data deve essere entro un anno prima e due anni dopo oggi.",
            "The date must be within one year before and two years after today.",
        ],
        FieldCode::NoteRequired => [
            "Scrivere il testo della nota (massimo 5000 caratteri).",
            "Write the note (at most 5000 characters).",
        ],
        FieldCode::SearchTooLong => [
            "La ricerca è troppo lunga (massimo 100 caratteri).",
            "The search is too long (at most 100 characters).",
        ],
        FieldCode::RatingOutOfRange => [
            "Scegliere un valore da 1 (mai) a 5 (sempre).",
            "Choose a value from 1 (never) to 5 (always).",
        ],
        FieldCode::RatingRequired => [
            "Rispondere almeno per casa o per il lavoro.",
            "Answer for home or for work, at least.",
        ],
        FieldCode::OptionUnknown => [
            "Questa opzione non esiste per la domanda.",
            "This option does not exist for the question.",
        ],
        FieldCode::AnswerKindMismatch => [
            "Il tipo di risposta non corrisponde alla domanda.",
            "The kind of answer does not match the question.",
        ],
        FieldCode::StoryUnknown => [
            "Questo racconto non fa parte delle risposte (o è ripetuto).",
            "This story is not among the answers (or is repeated).",
        ],
        FieldCode::StoryRatingOutOfRange => {
            ["Il giudizio va da 0 a 4.", "The rating goes from 0 to 4."]
        }
        FieldCode::StoriesUnrated => ["Dare un giudizio a ogni racconto.", "Rate every story."],
        FieldCode::CompetenceUnknown => ["Competenza sconosciuta.", "Unknown competence."],
        FieldCode::AdjustmentNeedsComment => [
            "Spiegare con un commento perché il livello cambia.",
            "Explain in a comment why the level changes.",
        ],
        FieldCode::LevelsIncomplete => [
            "Decidere il livello di ogni competenza.",
            "Decide the level of every competence.",
        ],
        FieldCode::KeyInvalid => [
            "Da 3 a 64 caratteri: lettere minuscole, cifre e trattini.",
            "3 to 64 characters: lower-case letters, digits and dashes.",
        ],
        FieldCode::KeyChanged => [
            "La chiave di una versione non si cambia.",
            "A version's key cannot change.",
        ],
        FieldCode::ItemsCount => ["Da 1 a 200 domande.", "1 to 200 questions."],
        FieldCode::ClientIdInvalid => [
            "Da 1 a 64 caratteri: lettere, cifre, - _ : .",
            "1 to 64 characters: letters, digits, - _ : .",
        ],
        FieldCode::UserUnknown => [
            "Nessuna persona con questo identificativo nell'agenzia.",
            "No person with this id in the agency.",
        ],
        FieldCode::DirectSelf => [
            "Non puoi aprire una conversazione con te stessa.",
            "You cannot open a conversation with yourself.",
        ],
        FieldCode::SearchLength => ["Da 2 a 100 caratteri.", "2 to 100 characters."],
        FieldCode::BlockedWord => [
            "Il messaggio contiene una parola non ammessa in questa comunità.",
            "The message contains a word this community does not allow.",
        ],
        FieldCode::TermInvalid => ["Da 2 a 80 caratteri.", "2 to 80 characters."],
        FieldCode::OwnMessage => [
            "Non puoi segnalare un tuo messaggio.",
            "You cannot report your own message.",
        ],
        FieldCode::NotYourself => [
            "Non puoi applicarlo a te stessa.",
            "You cannot apply it to yourself.",
        ],
        FieldCode::ReactionUnknown => [
            "Non è una delle reazioni disponibili.",
            "Not one of the available reactions.",
        ],
        FieldCode::ReplyUnknown => [
            "Il messaggio a cui rispondi non è in questa stanza.",
            "The message you reply to is not in this room.",
        ],
        FieldCode::MentionNotMember => [
            "Si possono menzionare solo i membri della stanza.",
            "Only members of the room can be mentioned.",
        ],
        FieldCode::KindDirect => [
            "Una conversazione diretta si apre con la persona a cui scrivere (POST /community/direct), non come stanza.",
            "A direct conversation is opened with the person to write to (POST /community/direct), not as a room.",
        ],
        FieldCode::TopicPublicOnly => [
            "Solo le stanze pubbliche hanno un tema o un territorio.",
            "Only public rooms have a theme or territory.",
        ],
        FieldCode::OneAnchorOnly => [
            "Al massimo uno tra before, after e around.",
            "At most one of before, after and around.",
        ],
        FieldCode::CompetencesCount => ["Da 1 a 40 competenze.", "1 to 40 competences."],
        FieldCode::CompetenceCodeInvalid => [
            "Una lettera maiuscola, poi fino a 15 maiuscole, cifre o trattini bassi (es. P1, C6).",
            "An upper-case letter, then up to 15 upper-case letters, digits or underscores (e.g. P1, C6).",
        ],
        FieldCode::EscoCodeInvalid => [
            "Un gruppo di competenze trasversali ESCO, come T2 o T2.2.",
            "An ESCO transversal skill group, such as T2 or T2.2.",
        ],
        FieldCode::EscoUriInvalid => [
            "Un URI ESCO, che inizia con http://data.europa.eu/esco/.",
            "An ESCO URI, starting with http://data.europa.eu/esco/.",
        ],
        FieldCode::OptionsCount => ["Da 2 a 6 opzioni.", "2 to 6 options."],
        FieldCode::OptionKeyInvalid => [
            "Chiave dell'opzione mancante, troppo lunga o ripetuta.",
            "The option key is missing, too long or repeated.",
        ],
        FieldCode::CompetenceNotMeasured => [
            "L'opzione assegna punti a una competenza che la domanda non misura.",
            "The option gives points to a competence the question does not measure.",
        ],
        FieldCode::CompetenceNeverScored => [
            "Nessuna opzione assegna punti a questa competenza.",
            "No option gives points to this competence.",
        ],
        FieldCode::OptionsNotAllowed => [
            "Questo tipo di domanda non ha opzioni.",
            "This kind of question has no options.",
        ],
        FieldCode::PageSizeOutOfRange => [
            "La dimensione della pagina deve essere tra 1 e 100.",
            "The page size must be between 1 and 100.",
        ],
    }
}

pub fn problem(code: ErrorCode, lang: Language) -> ProblemText {
    let [it_title, it_detail, en_title, en_detail] = problem_texts(code);
    match lang {
        Language::It => ProblemText {
            title: it_title,
            detail: it_detail,
        },
        Language::En => ProblemText {
            title: en_title,
            detail: en_detail,
        },
    }
}

pub fn field(code: FieldCode, lang: Language) -> &'static str {
    let [it, en] = field_texts(code);
    match lang {
        Language::It => it,
        Language::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_italian_and_english() {
        for code in ErrorCode::ALL {
            for text in problem_texts(*code) {
                assert!(!text.trim().is_empty(), "{code}");
            }
            let [_, it, _, en] = problem_texts(*code);
            assert_ne!(it, en, "{code}: the detail is translated");
        }
        for code in FieldCode::ALL {
            let [it, en] = field_texts(*code);
            assert!(!it.trim().is_empty() && !en.trim().is_empty(), "{code}");
            assert_ne!(it, en, "{code}: translated");
        }
    }
}
