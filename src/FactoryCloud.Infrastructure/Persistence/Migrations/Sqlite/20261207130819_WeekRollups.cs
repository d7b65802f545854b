using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactoryCloud.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WeekRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MachineDowntimeWeeks",
                columns: table => new
                {
                    MachineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Week = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BreakdownTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    BreakdownEpisodes = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MachineDowntimeWeeks", x => new { x.MachineId, x.Week, x.Reason });
                    table.ForeignKey(
                        name: "FK_MachineDowntimeWeeks_Machines_MachineId",
                        column: x => x.MachineId,
                        principalTable: "Machines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MachinePlannedWeeks",
                columns: table => new
                {
                    MachineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Week = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GoodCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ScrapCount = table.Column<long>(type: "INTEGER", nullable: false),
                    IdealSecondsTotal = table.Column<double>(type: "REAL", nullable: false),
                    IdealSecondsGood = table.Column<double>(type: "REAL", nullable: false),
                    EnergyKwh = table.Column<double>(type: "REAL", nullable: false),
                    RunTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    PlannedStopTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    BreakdownTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    SmallStopTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    SetupTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    IdleLossTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    OfflineLossTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    NoDataLossTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    BreakdownEpisodes = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstCarriedStartTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstCarriedCounted = table.Column<long>(type: "INTEGER", nullable: false),
                    UnplannedGoodCount = table.Column<long>(type: "INTEGER", nullable: false),
                    UnplannedScrapCount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MachinePlannedWeeks", x => new { x.MachineId, x.Week });
                    table.ForeignKey(
                        name: "FK_MachinePlannedWeeks_Machines_MachineId",
                        column: x => x.MachineId,
                        principalTable: "Machines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MachineDowntimeWeeks_TenantId",
                table: "MachineDowntimeWeeks",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_MachinePlannedWeeks_TenantId",
                table: "MachinePlannedWeeks",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MachineDowntimeWeeks");

            migrationBuilder.DropTable(
                name: "MachinePlannedWeeks");
        }
    }
}
