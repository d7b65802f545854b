// Development: smallest SKUs, public PostgreSQL endpoint (Azure services only), no HA.
//
// Values that differ per subscription come from environment variables (see docs/deployment.md):
//   FACTORYCLOUD_ENTRA_CLIENT_ID        application (client) ID of the multi-tenant app registration
//   FACTORYCLOUD_PG_ADMIN_OBJECT_ID     object ID of the Entra group/user that administers PostgreSQL
//   FACTORYCLOUD_PG_ADMIN_NAME          its display name
//   FACTORYCLOUD_MQTT_INGESTION_THUMBPRINT  thumbprint of the ingestion worker's MQTT client certificate
using 'main.bicep'

param environmentName = 'dev'

// App Service: one Basic instance runs both apps.
param appServicePlanSku = 'B1'
param appServiceInstanceCount = 1

// Entra ID
param entraClientId = readEnvironmentVariable('FACTORYCLOUD_ENTRA_CLIENT_ID', '00000000-0000-0000-0000-000000000000')

// PostgreSQL: Burstable B1ms, 32 GiB, no HA, public access restricted to Azure services.
param postgresSkuName = 'Standard_B1ms'
param postgresSkuTier = 'Burstable'
param postgresStorageSizeGB = 32
param postgresHighAvailabilityMode = 'Disabled'
param postgresBackupRetentionDays = 7
param postgresPrivateAccess = false
param postgresEntraAdminObjectId = readEnvironmentVariable('FACTORYCLOUD_PG_ADMIN_OBJECT_ID', '')
param postgresEntraAdminName = readEnvironmentVariable('FACTORYCLOUD_PG_ADMIN_NAME', '')
param postgresEntraAdminPrincipalType = 'Group'

// Service Bus Standard supports sessions and duplicate detection.
param serviceBusSku = 'Standard'
param serviceBusDisableLocalAuth = true

// Event Grid MQTT broker
param eventGridThroughputUnits = 1
param eventGridZoneRedundant = false
param mqttIngestionClientThumbprints = empty(readEnvironmentVariable('FACTORYCLOUD_MQTT_INGESTION_THUMBPRINT', ''))
  ? []
  : [
      readEnvironmentVariable('FACTORYCLOUD_MQTT_INGESTION_THUMBPRINT', '')
    ]

// Key Vault: no purge protection so a dev environment can be torn down and recreated.
param keyVaultPurgeProtection = false
param keyVaultSoftDeleteRetentionInDays = 7

param logRetentionInDays = 30
