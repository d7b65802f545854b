using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactoryCloud.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KpiLossSums : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LossSumsKey",
                table: "Machines",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OpenRunStart",
                table: "Machines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BreakdownEpisodes",
                table: "MachineDowntimeBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BreakdownTicks",
                table: "MachineDowntimeBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CarriedBreakdownStartTicks",
                table: "MachineDowntimeBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CarriedBreakdowns",
                table: "MachineDowntimeBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BreakdownEpisodes",
                table: "MachineBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BreakdownTicks",
                table: "MachineBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "IdleLossTicks",
                table: "MachineBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "NoDataLossTicks",
                table: "MachineBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OfflineLossTicks",
                table: "MachineBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PlannedStopTicks",
                table: "MachineBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RunTicks",
                table: "MachineBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "SetupTicks",
                table: "MachineBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "SmallStopTicks",
                table: "MachineBuckets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
