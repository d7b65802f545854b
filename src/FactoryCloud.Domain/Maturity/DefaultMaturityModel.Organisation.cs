namespace FactoryCloud.Domain.Maturity;

public static partial class DefaultMaturityModel
{
    private static MaturityDimension Strategy() => Dimension("strategy", "Strategy and leadership", DimensionGroup.Organisation, 1.5,
        [
            "Is there a written digital-factory strategy tied to business targets?",
            "Who owns the digital programme and its budget?",
            "How are digital initiatives selected, funded and measured?",
        ],
        [
            "Digital projects start from individual enthusiasm or vendor pitches; there is no written strategy, no owner and no budget line, and results are not measured.",
            "Management sponsors a few pilots (for example machine monitoring on one line) and talks about Industry 4.0, but pilots are funded one by one and not tied to plant targets such as OEE, cost or delivery.",
            "A written digital-factory roadmap links initiatives to measurable plant targets; a named business owner holds a budget, reviews progress quarterly and decides what scales beyond a pilot.",
            "The digital strategy is part of the business strategy: investments across all plants are ranked by expected value in one portfolio, and leadership steers on live KPIs rather than monthly reports.",
            "Leadership treats data and digital capability as a core asset: the strategy is revised continuously from measured outcomes, and new business models (services, mass customisation) are built on the digital factory.",
        ],
        [
            ["Name an executive sponsor for digital manufacturing", "List the digital initiatives already running in each plant and what they cost"],
            ["Pick one pilot with a clear business question (for example why line 2 loses 15 % availability) and fund it", "Define the pilot's success criteria before it starts"],
            ["Write a digital-factory roadmap with targets per plant (OEE, scrap, energy) and a named business owner", "Hold a quarterly review that decides which pilots scale and which stop"],
            ["Manage all digital initiatives as one portfolio ranked by expected value across plants", "Replace monthly KPI reports in management meetings with live dashboards"],
            ["Measure the realised benefit of every initiative and feed it back into the strategy", "Explore data-based services or business models built on the digital factory"],
        ]);

    private static MaturityDimension Culture() => Dimension("culture", "Cross-functional organisation and culture", DimensionGroup.Organisation, 1.0,
        [
            "Do OT, IT, engineering and operations work in shared teams?",
            "How are improvement ideas from the shop floor captured and acted on?",
            "Are decisions made from data or from experience?",
        ],
        [
            "Production, maintenance, quality and IT work in silos and hand work over by e-mail or paper; problems are solved by whoever shouts loudest, and data rarely enters decisions.",
            "Cross-functional task forces form around a crisis or a pilot and then disband; some teams use shared dashboards, but trust in the numbers is low.",
            "Standing cross-functional product teams (OT, IT, process engineering, operations) own digital use cases end to end, with a shared backlog, regular reviews and agreed KPIs.",
            "Teams are organised around value streams and empowered to change their processes; a centre of excellence provides shared platforms and methods, and decisions routinely start from data.",
            "Continuous improvement and experimentation are part of daily work at every level; teams share learnings across plants, and the organisation reorganises quickly when priorities change.",
        ],
        [
            ["Bring production, maintenance, quality and IT to one table for a weekly problem review", "Keep one shared list of open problems visible to all functions"],
            ["Run one pilot with a mixed team of OT, IT and operators", "Agree on one definition of each KPI (OEE, downtime reasons) across functions"],
            ["Form a standing product team with a product owner and a shared backlog for each digital use case", "Hold a regular review where the team shows working results to operations"],
            ["Set up a digital centre of excellence that owns shared platforms, standards and methods", "Organise teams around value streams and give them authority to change their process"],
            ["Share improvements and failures across plants in a community of practice", "Reserve capacity in every team for experiments and measure their outcome"],
        ]);

    private static MaturityDimension Skills() => Dimension("skills", "Workforce skills", DimensionGroup.Organisation, 1.0,
        [
            "Can operators and technicians read and act on digital dashboards?",
            "Are data, automation and OT-security specialists employed in-house?",
            "Is there a training plan for digital skills?",
        ],
        [
            "Digital skills depend on a few individuals; operators work from paper instructions and nobody is trained on data, automation or security.",
            "Some engineers are trained on new tools as pilots arrive; the knowledge stays with the pilot team, and contractors do most of the digital work.",
            "A skills matrix covers the digital roles (data, automation, OT security); operators are trained to use dashboards and digital work instructions, and key roles are staffed in-house.",
            "Career paths exist for OT/IT hybrid roles such as data engineers and automation architects; training is continuous and tied to the roadmap, and core work no longer depends on contractors.",
            "The organisation learns continuously: people move between plants and teams to spread skills, partnerships with schools and universities feed talent, and new technology is adopted without skill bottlenecks.",
        ],
        [
            ["Identify who holds the digital know-how today and the risk if they leave", "Give operators basic training in reading machine data and dashboards"],
            ["Train the pilot team on the tools it uses and document what it learns", "Pair contractors with internal staff to transfer knowledge"],
            ["Build a skills matrix for digital roles and close the largest gaps with a training plan", "Hire or develop at least one data engineer and one OT-security specialist"],
            ["Create career paths for OT/IT hybrid roles", "Tie the yearly training plan to the digital roadmap"],
            ["Rotate experts between plants to spread good practice", "Set up partnerships with universities or technical schools for digital talent"],
        ]);
}
