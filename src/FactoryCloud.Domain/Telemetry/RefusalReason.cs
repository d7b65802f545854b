namespace FactoryCloud.Domain.Telemetry;

/// <summary>
/// Why a telemetry message was refused. The numbers are stored and reported: never renumber, only append.
/// <see cref="RefusalReasonDescriptions.Describe"/> gives the text shown on the ingestion health page.
/// </summary>
public enum RefusalReason
{
    None = 0,

    // Topic
    TopicMalformed = 1,
    UnknownChannel = 2,

    // Payload encoding and shape
    PayloadTooLarge = 3,
    InvalidUtf8 = 4,
    InvalidJson = 5,
    NotAnObject = 6,
    DuplicateProperty = 7,

    // Fields
    MissingField = 8,
    WrongType = 9,
    InvalidTimestamp = 10,
    TimestampInFuture = 11,
    TimestampTooOld = 12,
    InvalidSequence = 13,
    UnknownState = 14,
    ReasonTooLong = 15,
    InvalidCount = 16,
    ProductTooLong = 17,
    NoValues = 18,
    TooManyValues = 19,
    InvalidMeasureName = 20,
    NonFiniteNumber = 21,
    NegativeIncrement = 22,

    // Checks against stored data, made by the ingestion pipeline
    OutOfScope = 23,
    UnknownMachine = 24,

    // Limits of the built-in broker
    PacketTooLarge = 25,
    TooManyConnections = 26,
    RateLimited = 27,

    // The tenant's plan
    MessageQuotaExceeded = 28,
    StorageQuotaExceeded = 29,
}
