using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactoryCloud.Infrastructure.Persistence.Migrations.Postgres
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
                    MachineId = table.Column<Guid>(type: "uuid", nullable: false),
                    Week = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BreakdownTicks = table.Column<long>(type: "bigint", nullable: false),
                    BreakdownEpisodes = table.Column<long>(type: "bigint", nullable: false)
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
                    MachineId = table.Column<Guid>(type: "uuid", nullable: false),
                    Week = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GoodCount = table.Column<long>(type: "bigint", nullable: false),
                    ScrapCount = table.Column<long>(type: "bigint", nullable: false),
                    IdealSecondsTotal = table.Column<double>(type: "double precision", nullable: false),
                    IdealSecondsGood = table.Column<double>(type: "double precision", nullable: false),
                    EnergyKwh = table.Column<double>(type: "double precision", nullable: false),
                    RunTicks = table.Column<long>(type: "bigint", nullable: false),
                    PlannedStopTicks = table.Column<long>(type: "bigint", nullable: false),
                    BreakdownTicks = table.Column<long>(type: "bigint", nullable: false),
                    SmallStopTicks = table.Column<long>(type: "bigint", nullable: false),
                    SetupTicks = table.Column<long>(type: "bigint", nullable: false),
                    IdleLossTicks = table.Column<long>(type: "bigint", nullable: false),
                    OfflineLossTicks = table.Column<long>(type: "bigint", nullable: false),
                    NoDataLossTicks = table.Column<long>(type: "bigint", nullable: false),
                    BreakdownEpisodes = table.Column<long>(type: "bigint", nullable: false),
                    FirstCarriedStartTicks = table.Column<long>(type: "bigint", nullable: false),
                    FirstCarriedCounted = table.Column<long>(type: "bigint", nullable: false),
                    UnplannedGoodCount = table.Column<long>(type: "bigint", nullable: false),
                    UnplannedScrapCount = table.Column<long>(type: "bigint", nullable: false)
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
