// Event Grid namespace used as the MQTT broker (Mqtt__Mode=External).
//
// Devices publish telemetry to fc/v1/<6 levels> (the telemetry contract); the ingestion worker
// subscribes to the same topic space and forwards each message to the Service Bus queue.
// Clients authenticate with X.509 certificates: each client resource names its authentication
// name (the MQTT username) and how its certificate is checked: by thumbprint (ThumbprintMatch)
// or, for CA-issued device certificates, by subject (SubjectMatchesAuthenticationName).
// Authorization is by client group: attribute role=device publishes, role=ingestion subscribes.
metadata description = 'Event Grid namespace with the MQTT broker, telemetry topic space, client groups and permission bindings.'

import { tagsType } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Namespace name (3-50 characters).')
@minLength(3)
@maxLength(50)
param namespaceName string

@description('Throughput units of the namespace (1-40).')
@minValue(1)
@maxValue(40)
param throughputUnits int

@description('Spread the namespace over availability zones where the region has them.')
param zoneRedundant bool

@description('MQTT topic templates of the telemetry topic space (the telemetry contract).')
param telemetryTopicTemplates string[]

@description('Authentication name of the ingestion worker client; it presents a certificate with this subject.')
param ingestionClientAuthenticationName string

@description('SHA-256 thumbprints (hex, no colons) of the ingestion worker client certificate (two allow rotation); empty = do not register the client yet.')
param ingestionClientThumbprints string[]

@description('PEM body (base64, no header lines) of a CA certificate that issues device certificates; empty = none. Devices are then registered with validation scheme SubjectMatchesAuthenticationName.')
param deviceCaCertificate string

@description('Resource ID of the Log Analytics workspace for diagnostic settings.')
param workspaceId string

resource namespace 'Microsoft.EventGrid/namespaces@2025-02-15' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    capacity: throughputUnits
  }
  properties: {
    isZoneRedundant: zoneRedundant
    minimumTlsVersionAllowed: '1.2'
    publicNetworkAccess: 'Enabled'
    topicSpacesConfiguration: {
      state: 'Enabled'
      maximumSessionExpiryInHours: 8
      // Several ingestion worker instances share one authentication name.
      maximumClientSessionsPerAuthenticationName: 8
    }
  }
}

resource telemetryTopicSpace 'Microsoft.EventGrid/namespaces/topicSpaces@2025-02-15' = {
  parent: namespace
  name: 'telemetry'
  properties: {
    description: 'Machine telemetry published by devices (telemetry contract v1).'
    topicTemplates: telemetryTopicTemplates
  }
}

resource devicesGroup 'Microsoft.EventGrid/namespaces/clientGroups@2025-02-15' = {
  parent: namespace
  name: 'devices'
  properties: {
    description: 'Gateways and machines that publish telemetry.'
    query: 'attributes.role = \'device\''
  }
}

resource ingestionGroup 'Microsoft.EventGrid/namespaces/clientGroups@2025-02-15' = {
  parent: namespace
  name: 'ingestion'
  properties: {
    description: 'The FactoryCloud ingestion worker, which subscribes to telemetry.'
    query: 'attributes.role = \'ingestion\''
  }
}

resource devicesPublish 'Microsoft.EventGrid/namespaces/permissionBindings@2025-02-15' = {
  parent: namespace
  name: 'devices-publish-telemetry'
  properties: {
    description: 'Devices may publish to the telemetry topic space.'
    clientGroupName: devicesGroup.name
    topicSpaceName: telemetryTopicSpace.name
    permission: 'Publisher'
  }
}

resource ingestionSubscribe 'Microsoft.EventGrid/namespaces/permissionBindings@2025-02-15' = {
  parent: namespace
  name: 'ingestion-subscribe-telemetry'
  properties: {
    description: 'The ingestion worker may subscribe to the telemetry topic space.'
    clientGroupName: ingestionGroup.name
    topicSpaceName: telemetryTopicSpace.name
    permission: 'Subscriber'
  }
}

resource ingestionClient 'Microsoft.EventGrid/namespaces/clients@2025-02-15' = if (!empty(ingestionClientThumbprints)) {
  parent: namespace
  name: 'ingestion-worker'
  properties: {
    description: 'FactoryCloud ingestion worker (certificate in Key Vault).'
    authenticationName: ingestionClientAuthenticationName
    state: 'Enabled'
    attributes: {
      role: 'ingestion'
    }
    clientCertificateAuthentication: {
      validationScheme: 'ThumbprintMatch'
      allowedThumbprints: ingestionClientThumbprints
    }
  }
}

resource deviceCa 'Microsoft.EventGrid/namespaces/caCertificates@2025-02-15' = if (!empty(deviceCaCertificate)) {
  parent: namespace
  name: 'devices-ca'
  properties: {
    description: 'CA that issues device certificates.'
    encodedCertificate: deviceCaCertificate
  }
}

// See keyvault.bicep: 2021-05-01-preview is the newest diagnosticSettings API and the first with categoryGroup.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: namespace
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('MQTT broker host name (Mqtt__Host); clients connect on port 8883 with TLS.')
output mqttHostname string = namespace.properties.topicSpacesConfiguration.hostname

@description('Namespace name.')
output name string = namespace.name
