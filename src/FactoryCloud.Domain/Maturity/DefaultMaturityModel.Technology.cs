namespace FactoryCloud.Domain.Maturity;

public static partial class DefaultMaturityModel
{
    private static MaturityDimension Connectivity() => Dimension(ConnectivityKey, "Connectivity and IIoT", DimensionGroup.Technology, 1.5,
        [
            "What share of the machines sends data automatically?",
            "Which protocols are used (OPC UA, MQTT, Modbus) and are they standardised?",
            "How quickly is a new machine connected, and who notices when one stops reporting?",
        ],
        [
            "Machines are not connected, or a few have isolated PLC screens; data is read off displays and written on paper or typed into spreadsheets.",
            "Pilot machines or one line send state and counts through individual gateways; each connection is built separately with vendor-specific protocols and often drops unnoticed.",
            "Most machines of the plant report state, counts and key measures automatically through one standard path (OPC UA or MQTT over edge gateways); onboarding follows a documented procedure and connection health is monitored.",
            "Practically every machine and critical sensor is connected with a standard data contract; messages are validated on ingestion, outages are alerted and fixed within hours, and new machines are connected at commissioning.",
            "Connectivity is a utility: every asset, including legacy and mobile equipment, streams complete, validated data in near real time with almost no refused messages, and connecting a machine is self-service in minutes.",
        ],
        [
            ["Map every machine: its controller, available interfaces and protocols (Modbus, OPC UA, MQTT)", "Connect the highest-volume machine to collect its state and part counts"],
            ["Choose one standard connection path (an edge gateway publishing MQTT or OPC UA) for all new connections", "Connect one complete line and watch whether each machine keeps reporting"],
            ["Roll the standard connection out to every line of the plant with a documented onboarding procedure", "Monitor connection health and act on machines that stop reporting"],
            ["Validate every message against the data contract and remove the causes of refused messages", "Alert on machines that stop reporting and restore them within hours"],
            ["Make machine onboarding self-service with issued credentials and templates", "Retrofit the remaining legacy and mobile equipment with sensors"],
        ]);

    private static MaturityDimension Data() => Dimension(DataKey, "Data architecture and integration (SCADA, MES, ERP)", DimensionGroup.Technology, 1.5,
        [
            "Are shop-floor data, MES and ERP connected, or is data re-typed between them?",
            "Is production data stored in one place with its context (order, product, shift)?",
            "Is OEE computed automatically for every line?",
        ],
        [
            "Production data lives in machine memories, paper logs and personal spreadsheets; ERP and the shop floor exchange data by re-typing, and numbers disagree between departments.",
            "A SCADA system or historian collects data for some lines and a few reports are automated, but interfaces are point-to-point, context (order, product, shift) is missing and gaps in the data are common.",
            "Shop-floor data is stored centrally with its context (site, line, machine, product, shift); OEE and downtime are computed automatically for every line, and MES and ERP exchange orders and confirmations through interfaces.",
            "A common data model links SCADA, MES and ERP in near real time; data completeness is measured and high, master data is governed, and analysts can query any plant's data without manual preparation.",
            "One governed, event-driven data platform serves every plant and partner; data quality is monitored automatically, and new applications plug into documented interfaces without custom integration.",
        ],
        [
            ["List the systems that hold production data (SCADA, MES, ERP, spreadsheets) and how data moves between them", "Stop re-typing one report by collecting its figures automatically"],
            ["Store machine data centrally with its site, line, machine and product context", "Define the planned production time of each site (shift calendar) so data coverage can be measured"],
            ["Compute OEE and downtime automatically for every line", "Exchange orders and confirmations between MES and ERP through an interface instead of manual entry"],
            ["Define a common data model and master-data ownership for assets, products and orders", "Measure data completeness per line and close gaps above 5 %"],
            ["Publish production events on a governed platform with documented interfaces", "Monitor data quality automatically and alert the data owner"],
        ]);

    private static MaturityDimension Analytics() => Dimension("analytics", "Analytics and AI", DimensionGroup.Technology, 1.25,
        [
            "Are production problems analysed after the fact, live, or predicted?",
            "Are predictive models (maintenance, quality, energy) in production use?",
            "Who builds and maintains analytics and models?",
        ],
        [
            "Analysis means monthly spreadsheets compiled by hand; problems are discovered through complaints, scrap or breakdowns.",
            "Dashboards show what happened per line and shift; some engineers do root-cause analysis on exported data, and first predictive models are tried offline.",
            "Descriptive and diagnostic analytics are standard: downtime Paretos, loss trees and quality trends are reviewed daily, and at least one predictive use case (such as condition-based maintenance) runs in production.",
            "Predictive models for maintenance, quality and energy run on live data across lines; their accuracy is tracked, and their recommendations reach operators in their daily tools.",
            "Prescriptive, self-learning analytics adjust schedules, set points and maintenance automatically within agreed limits; models are retrained continuously and their business impact is measured.",
        ],
        [
            ["Record downtime with its reasons on one line and review it weekly", "Agree on the three production questions data should answer first"],
            ["Publish live dashboards per line and shift to the teams", "Run a downtime Pareto and remove the largest loss on one line"],
            ["Review downtime Paretos and quality trends daily in the shift meeting", "Put one predictive use case (such as condition-based maintenance of a critical asset) into production"],
            ["Scale predictive models to every comparable line and track their accuracy", "Deliver model recommendations to operators in their daily tools"],
            ["Let models adjust set points or schedules automatically within agreed limits", "Retrain models continuously and measure their business impact"],
        ]);

    private static MaturityDimension Cybersecurity() => Dimension("cybersecurity", "Cybersecurity", DimensionGroup.Technology, 1.25,
        [
            "Is there an inventory of OT assets and their network connections?",
            "Are OT and IT networks segmented, and is remote access controlled?",
            "How are security incidents in production detected and handled?",
        ],
        [
            "Nobody owns OT security; machines share a flat network with the office, and default passwords and uncontrolled remote access by vendors are common.",
            "Basic measures exist (a firewall between office and plant, antivirus on some PCs), but there is no OT asset inventory, patching is ad hoc and incidents are handled when someone notices.",
            "An OT asset inventory exists; networks are segmented into zones and conduits (IEC 62443), remote access is controlled and logged, devices have individual credentials, and an incident plan is tested.",
            "OT security is monitored continuously (anomaly detection on the plant network), vulnerabilities are managed by risk, and security is part of every new connection and supplier contract.",
            "Security is designed into operations across plants and the supply chain; incidents are rehearsed regularly, recovery is quick, and defences adapt to new threats.",
        ],
        [
            ["Name an owner for OT security", "Change the default passwords of machines and gateways"],
            ["Build an inventory of OT assets and their network connections", "Separate the plant network from the office network with a firewall"],
            ["Segment the networks into zones and conduits following IEC 62443", "Issue individual credentials per device, and control and log remote access"],
            ["Monitor the plant network continuously for anomalies", "Make security requirements part of every new connection and supplier contract"],
            ["Rehearse OT incident response regularly across plants", "Extend security requirements and monitoring to suppliers and partners"],
        ]);
}
