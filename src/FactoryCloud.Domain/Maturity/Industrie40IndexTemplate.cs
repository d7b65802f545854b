namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// A second model template, modelled on the public structure of the acatech Industrie 4.0 Maturity Index: four
/// structural areas (resources, information systems, culture, organisational structure) assessed along the index's
/// six development stages (computerisation, connectivity, visibility, transparency, predictive capacity,
/// adaptability). The descriptions and actions are FactoryCloud's own words, not acatech's text.
/// The six stages sit on FactoryCloud's six positions 0..5: computerisation is stage 0, described through
/// <see cref="MaturityDimension.NotStartedDescription"/> (the index's starting point, where Industrie 4.0 has not begun),
/// connectivity 1, visibility 2, transparency 3, predictive capacity 4 and adaptability 5; every description starts with
/// the index stage's name. Evidence rules map where the product's data speaks to the area: resources → connectivity
/// (machines streaming), information systems → data (completeness, channels), culture → strategy (targets, gaps
/// worked on, value measured), organisational structure → cross-functional organisation (teams, flow, WIP
/// discipline). Thresholds are the rules' defaults and can be tuned like the default model's.
/// </summary>
public static class Industrie40IndexTemplate
{
    public const string Key = "i40-maturity-index";
    public const string Name = "Industrie 4.0 Maturity Index structure (4 areas × 6 development stages)";

    /// <summary>The index's six development stages, on FactoryCloud's stages 0..5.</summary>
    public static readonly IReadOnlyList<string> StageNames =
        ["Computerisation", "Connectivity", "Visibility", "Transparency", "Predictive capacity", "Adaptability"];

    public static MaturityModelDefinition Create() => new()
    {
        Dimensions =
        [
            Area("resources", "Resources", DimensionGroup.Process, EvidenceSource.Connectivity,
                ["Do machines, tools and workpieces record and pass on data by themselves?", "Do people have the skills to work with that data?"],
                [
                    "Machines run on their own controls; what they did is written down by hand, if at all.",
                    "Machines and workstations are networked and send their states and counts to a central place.",
                    "Every key resource reports live; anyone can see what each machine, tool and order is doing right now.",
                    "Resource data is combined with context (orders, reasons, quality) so losses can be explained, and people are trained to read it.",
                    "Resources warn before they fail: wear, drift and stops are forecast from their data early enough to act.",
                    "Resources adjust their own settings from the data, within limits people have set, and people steer the limits.",
                ],
                [
                    ["Connect the main machines so states and counts arrive without typing", "Give each machine its own credentials to send data"],
                    ["Stream states, counts and one process measure from every key machine", "Show the live state of each line on a screen at the line"],
                    ["Code every stop with a reason and link it to the order running", "Train operators and engineers to read the loss figures"],
                    ["Alert on a drifting measure before a stop", "Forecast wear of the most critical tool from its data"],
                    ["Let machines apply pre-approved setting changes from the data", "Review the limits of automatic changes every quarter"],
                ]),
            Area("information-systems", "Information systems", DimensionGroup.Technology, EvidenceSource.Data,
                ["Do the plant's systems share one set of data, or does each keep its own?", "Can someone find a figure without asking IT?"],
                [
                    "Separate programs and spreadsheets; each department keeps its own figures.",
                    "The main systems exchange data through defined interfaces; shop-floor data reaches a central store.",
                    "One consistent view of production: the same figure means the same thing in every report.",
                    "Data from machines, orders and quality is joined, complete and documented, so causes can be traced.",
                    "Systems forecast demand, wear and energy from the joined data, and say how sure they are.",
                    "Systems act on their forecasts and hand decisions to each other, with people overseeing the rules.",
                ],
                [
                    ["Define the interface between shop floor and the central store", "Agree one contract for machine data"],
                    ["Define OEE, scrap and energy once for every report", "Give every line the same dashboard"],
                    ["Join machine data with orders and quality records", "Measure and raise data completeness on every line"],
                    ["Forecast one key figure from the joined data", "Check each forecast against what happened"],
                    ["Let one system trigger another on a forecast, with a human check", "Log every automatic decision with its reason"],
                ]),
            Area("culture", "Culture", DimensionGroup.Organisation, EvidenceSource.Strategy,
                ["Are decisions taken from data or from habit?", "Is change welcomed, and is what it achieved measured?"],
                [
                    "Decisions rest on experience; digital projects are one-offs driven by individuals.",
                    "Management states what digitalisation should achieve; a few teams try things out.",
                    "Targets for each site are set with dates, and teams discuss the live figures every day.",
                    "Every improvement states what it should change and is checked against the measured result.",
                    "Teams look ahead: they act on what the figures forecast, not only on what already went wrong.",
                    "Trying, measuring and adjusting is how the organisation works; knowledge is shared openly across sites.",
                ],
                [
                    ["Write down what digitalisation should achieve and by when", "Let two teams try a data-based improvement"],
                    ["Set dated targets per site", "Hold a daily review of the live figures at each line"],
                    ["Give every improvement a value hypothesis", "Review the measured results each quarter"],
                    ["Discuss the forecasts in the daily review", "Plan work from what the data predicts"],
                    ["Share results and lessons across sites", "Reward teams for measured learning, not only for success"],
                ]),
            Area("organisational-structure", "Organisational structure", DimensionGroup.Organisation, EvidenceSource.Organisation,
                ["Are teams organised around the value stream or around departments?", "How quickly does work flow from idea to operation?"],
                [
                    "Work is split by department; improvements pass from one to the next with long waits.",
                    "Some teams mix disciplines for a project; the line organisation stays as it is.",
                    "Standing teams combine business, development, test and operations for a value stream.",
                    "Teams limit work in progress and deliver at a steady pace; lead and cycle times are measured and short.",
                    "Teams plan capacity from their measured flow and foresee where work will pile up.",
                    "Teams reorganise themselves around what the data says matters most, and the structure follows quickly.",
                ],
                [
                    ["Form one cross-functional project team", "Give it one backlog"],
                    ["Make the team standing, serving one value stream", "Add test and operations to each team"],
                    ["Set WIP limits on the board and keep to them", "Track lead and cycle time per team"],
                    ["Forecast delivery dates from measured throughput", "Move people before a queue builds up"],
                    ["Let teams re-plan around measured value each quarter", "Review the structure when priorities move"],
                ]),
        ],
    };

    /// <summary>One area: six stage descriptions (0..5, computerisation to adaptability) and actions to reach stages 1..5.</summary>
    private static MaturityDimension Area(string key, string name, DimensionGroup group, EvidenceSource evidence, string[] questions, string[] stages, string[][] actions) => new()
    {
        Key = key, Name = name, Group = group, Weight = 1.0, Evidence = evidence,
        EvidenceThresholds = Evidence.EvidenceRules.For(evidence)?.DefaultThresholds.ToDictionary() ?? [],
        ValueLevers = GapValueEstimate.LeversOf(key, evidence),
        Questions = [.. questions],
        NotStartedDescription = $"{StageNames[0]}: {stages[0]}",
        StageDescriptions = stages.Skip(1).Select((s, i) => $"{StageNames[i + 1]}: {s}").ToList(),
        ImprovementActions = actions.Select(a => a.ToList()).ToList(),
    };
}

/// <summary>The model templates an organisation can start from.</summary>
public static class MaturityTemplates
{
    public const string Default = "factorycloud";

    public sealed record Template(string Key, string Name, Func<MaturityModelDefinition> Create);

    public static readonly IReadOnlyList<Template> All =
    [
        new(Default, DefaultMaturityModel.Name, DefaultMaturityModel.Create),
        new(Industrie40IndexTemplate.Key, Industrie40IndexTemplate.Name, Industrie40IndexTemplate.Create),
    ];

    public static Template? Find(string? key) => All.FirstOrDefault(t => t.Key == (string.IsNullOrWhiteSpace(key) ? Default : key));
}
