namespace FactoryCloud.Domain.Maturity;

public static partial class DefaultMaturityModel
{
    private static MaturityDimension Automation() => Dimension("automation", "Automation and robotics", DimensionGroup.Process, 1.0,
        [
            "Which tasks are automated, and how flexible is the automation?",
            "How long does a changeover or a new product introduction take?",
            "Do robots and cobots receive their instructions digitally?",
        ],
        [
            "Work is mostly manual or done on stand-alone machines with fixed programs; changing the product means manual set-up and long changeovers.",
            "Single cells are automated (a welding robot, an automated test station) with their own programs; changeovers and program changes still need specialists on site.",
            "Lines are automated where volumes justify it; recipes and programs are managed centrally, changeovers follow standard procedures, and cobots support operators in repetitive tasks.",
            "Automation is flexible: recipes and work instructions are downloaded from MES per order, AGVs or cobots handle intralogistics, and changeovers are short and largely automatic.",
            "Production adapts autonomously to orders down to lot size one; equipment reconfigures itself from digital instructions, and people supervise and improve the system.",
        ],
        [
            ["Identify repetitive, hazardous or quality-critical manual tasks", "Standardise the set-up steps of the most frequent changeover"],
            ["Automate one high-volume or hazardous task with a robot cell", "Keep machine programs and recipes in one place under version control"],
            ["Manage recipes centrally and download them to machines per product", "Introduce cobots for repetitive operator tasks and measure the effect"],
            ["Download recipes and work instructions from MES per order", "Automate intralogistics with AGVs on one value stream"],
            ["Let lines reconfigure automatically from order data", "Move operators from running machines to supervising and improving the automated system"],
        ]);

    private static MaturityDimension DigitalTwin() => Dimension("digital-twin", "Digital twin and simulation", DimensionGroup.Process, 0.75,
        [
            "Are layout, line or process changes simulated before they are made?",
            "Is there a virtual model of lines or assets fed with live data?",
            "How is the twin used in daily decisions?",
        ],
        [
            "Changes to layouts, lines or processes are planned on paper or from experience and tested on the real line, causing downtime and surprises.",
            "CAD models and isolated simulations exist for new equipment or projects, but they are not kept up to date and have no link to live data.",
            "Simulation models of the key lines are maintained and used to plan changes (layout, takt, staffing) before they are made; some are checked against measured data.",
            "Digital twins of lines and critical assets are fed with live data; they predict bottlenecks and wear and are used in capacity planning and virtual commissioning.",
            "A plant-wide twin runs in step with production and the supply chain; what-if scenarios are evaluated routinely, and the twin proposes or applies changes itself.",
        ],
        [
            ["Keep an up-to-date digital layout of the plant", "Document cycle times and buffers of the main line as a basis for simulation"],
            ["Simulate the next layout or line change before making it", "Compare one simulation result with what the line actually did"],
            ["Maintain simulation models of the key lines and use them for every change request", "Calibrate the models with measured cycle times and downtime"],
            ["Feed the twins of critical lines with live data to predict bottlenecks", "Use virtual commissioning for new equipment"],
            ["Extend the twin to the whole plant and its supply chain", "Run what-if scenarios routinely in planning meetings"],
        ]);

    private static MaturityDimension Energy() => Dimension("energy", "Energy and sustainability", DimensionGroup.Process, 1.0,
        [
            "Is energy consumption measured per line or machine?",
            "Are energy and CO2 targets set and tracked?",
            "Does production planning take energy into account?",
        ],
        [
            "Energy is known only from the monthly utility bill; there are no targets, and nobody links consumption to production.",
            "Main meters are read per building or area; an energy audit found savings, and obvious measures (compressed-air leaks, lighting) have been taken.",
            "Energy is metered per line or key machine and reported as energy per good unit; targets exist for energy and CO2, and idle consumption is tracked.",
            "Energy data is combined with production data in near real time; idle machines switch to standby automatically, and planning considers energy prices and peak loads.",
            "Energy and material flows are optimised continuously across plants; scheduling follows renewable availability and prices, and the footprint per product is reported to customers.",
        ],
        [
            ["Collect each site's monthly energy consumption and relate it to output", "Name an energy owner per site"],
            ["Install sub-meters on the largest consumers (compressors, furnaces, presses)", "Fix compressed-air leaks and switch idle equipment off at shift end"],
            ["Report energy per good unit for every line", "Set energy and CO2 targets and track idle consumption"],
            ["Switch idle machines to standby automatically", "Include energy prices and peak loads in production planning"],
            ["Schedule energy-intensive production around renewable availability", "Report the carbon footprint per product to customers"],
        ]);
}
