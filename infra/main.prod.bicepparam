// Production: zone-redundant App Service, PostgreSQL GeneralPurpose D2ds_v5 with zone-redundant HA
// and private access, Service Bus Premium, Key Vault purge protection.
//
// Values that differ per subscription come from environment variables (see docs/deployment.md):
//   FACTORYCLOUD_ENTRA_CLIENT_ID, FACTORYCLOUD_PG_ADMIN_OBJECT_ID, FACTORYCLOUD_PG_ADMIN_NAME,
//   FACTORYCLOUD_INGRESS_IMAGE, FACTORYCLOUD_REGISTRY_SERVER (MQTT ingress image and its registry)
using 'main.bicep'

param environmentName = 'prod'

// App Service: three Premium v3 instances spread over availability zones.
param appServicePlanSku = 'P1v3'
param appServiceInstanceCount = 3
param appServiceZoneRedundant = true

// Entra ID
param entraClientId = readEnvironmentVariable('FACTORYCLOUD_ENTRA_CLIENT_ID', '00000000-0000-0000-0000-000000000000')

// PostgreSQL: GeneralPurpose D2ds_v5, zone-redundant HA, private access (delegated subnet + private DNS).
param postgresSkuName = 'Standard_D2ds_v5'
param postgresSkuTier = 'GeneralPurpose'
param postgresStorageSizeGB = 128
param postgresHighAvailabilityMode = 'ZoneRedundant'
param postgresBackupRetentionDays = 35
param postgresGeoRedundantBackup = true
param postgresPrivateAccess = true
param vnetAddressPrefix = '10.40.0.0/16'
param appsSubnetPrefix = '10.40.1.0/24'
param postgresSubnetPrefix = '10.40.2.0/24'
param postgresEntraAdminObjectId = readEnvironmentVariable('FACTORYCLOUD_PG_ADMIN_OBJECT_ID', '')
param postgresEntraAdminName = readEnvironmentVariable('FACTORYCLOUD_PG_ADMIN_NAME', '')
param postgresEntraAdminPrincipalType = 'Group'

// Service Bus Premium: dedicated capacity, zone redundant.
param serviceBusSku = 'Premium'
param serviceBusPremiumMessagingUnits = 1
param serviceBusDisableLocalAuth = true

// MQTT ingress (Container Apps, TCP 8883): the ingestion worker image from your registry.
param ingressImage = readEnvironmentVariable('FACTORYCLOUD_INGRESS_IMAGE', 'mcr.microsoft.com/dotnet/runtime-deps:10.0')
param ingressRegistryServer = readEnvironmentVariable('FACTORYCLOUD_REGISTRY_SERVER', '')
param ingressMinReplicas = 2
param ingressMaxReplicas = 10

// Key Vault: purge protection on (irreversible).
param keyVaultPurgeProtection = true
param keyVaultSoftDeleteRetentionInDays = 90

param logRetentionInDays = 90
