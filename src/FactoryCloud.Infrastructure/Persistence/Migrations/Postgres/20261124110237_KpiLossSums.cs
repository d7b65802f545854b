using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactoryCloud.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KpiLossSums : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MachineBuckets_Kpi",
                table: "MachineBuckets");

            migrationBuilder.AddColumn<string>(
                name: "LossSumsKey",
                table: "Machines",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OpenRunStart",
                table: "Machines",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BreakdownEpisodes",
                table: "MachineDowntimeBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BreakdownTicks",
                table: "MachineDowntimeBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CarriedBreakdownStartTicks",
                table: "MachineDowntimeBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CarriedBreakdowns",
                table: "MachineDowntimeBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BreakdownEpisodes",
                table: "MachineBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BreakdownTicks",
                table: "MachineBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "IdleLossTicks",
                table: "MachineBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "NoDataLossTicks",
                table: "MachineBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OfflineLossTicks",
                table: "MachineBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PlannedStopTicks",
                table: "MachineBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RunTicks",
                table: "MachineBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "SetupTicks",
                table: "MachineBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "SmallStopTicks",
                table: "MachineBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_MachineBuckets_Kpi",
                table: "MachineBuckets",
                columns: new[] { "MachineId", "Size", "Start" })
                .Annotation("Npgsql:IndexInclude", new[] { "TenantId", "GoodCount", "ScrapCount", "IdealSecondsTotal", "IdealSecondsGood", "EnergyKwh", "RunTicks", "PlannedStopTicks", "BreakdownTicks", "SmallStopTicks", "SetupTicks", "IdleLossTicks", "OfflineLossTicks", "NoDataLossTicks", "BreakdownEpisodes" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MachineBuckets_Kpi",
                table: "MachineBuckets");

            migrationBuilder.DropColumn(
                name: "LossSumsKey",
                table: "Machines");

            migrationBuilder.DropColumn(
                name: "OpenRunStart",
                table: "Machines");

            migrationBuilder.DropColumn(
                name: "BreakdownEpisodes",
                table: "MachineDowntimeBuckets");

            migrationBuilder.DropColumn(
                name: "BreakdownTicks",
                table: "MachineDowntimeBuckets");

            migrationBuilder.DropColumn(
                name: "CarriedBreakdownStartTicks",
                table: "MachineDowntimeBuckets");

            migrationBuilder.DropColumn(
                name: "CarriedBreakdowns",
                table: "MachineDowntimeBuckets");

            migrationBuilder.DropColumn(
                name: "BreakdownEpisodes",
                table: "MachineBuckets");

            migrationBuilder.DropColumn(
                name: "BreakdownTicks",
                table: "MachineBuckets");

            migrationBuilder.DropColumn(
                name: "IdleLossTicks",
                table: "MachineBuckets");

            migrationBuilder.DropColumn(
                name: "NoDataLossTicks",
                table: "MachineBuckets");

            migrationBuilder.DropColumn(
                name: "OfflineLossTicks",
                table: "MachineBuckets");

            migrationBuilder.DropColumn(
                name: "PlannedStopTicks",
                table: "MachineBuckets");

            migrationBuilder.DropColumn(
                name: "RunTicks",
                table: "MachineBuckets");

            migrationBuilder.DropColumn(
                name: "SetupTicks",
                table: "MachineBuckets");

            migrationBuilder.DropColumn(
                name: "SmallStopTicks",
                table: "MachineBuckets");

            migrationBuilder.CreateIndex(
                name: "IX_MachineBuckets_Kpi",
                table: "MachineBuckets",
                columns: new[] { "MachineId", "Size", "Start" })
                .Annotation("Npgsql:IndexInclude", new[] { "TenantId", "GoodCount", "ScrapCount", "IdealSecondsTotal", "IdealSecondsGood", "EnergyKwh" });
        }
    }
}
