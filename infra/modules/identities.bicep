// One user-assigned managed identity per app. The identity is the app's only credential:
// Service Bus, Key Vault and PostgreSQL (Entra auth) all trust it; nothing holds a password.
// The ingress and the processor run the same worker image but get an identity each, so that the
// ingress may only send to the telemetry queue and read its TLS certificate, and the processor may
// only receive from the queue.
metadata description = 'User-assigned managed identities for the web app, the MQTT ingress and the processor.'

import { tagsType } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Name of the web app identity. Also the PostgreSQL role name mapped with pgaadauth_create_principal.')
param webIdentityName string

@description('Name of the MQTT ingress identity (Service Bus Data Sender, Key Vault Secrets User). Also its PostgreSQL role name.')
param ingressIdentityName string

@description('Name of the processor identity (Service Bus Data Receiver). Also its PostgreSQL role name.')
param processorIdentityName string

resource webIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: webIdentityName
  location: location
  tags: tags
}

resource ingressIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: ingressIdentityName
  location: location
  tags: tags
}

resource processorIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: processorIdentityName
  location: location
  tags: tags
}

@description('Principal (object) ID of the web app identity.')
output webPrincipalId string = webIdentity.properties.principalId

@description('Client ID of the web app identity (AZURE_CLIENT_ID for DefaultAzureCredential / ManagedIdentityCredential).')
output webClientId string = webIdentity.properties.clientId

@description('Principal (object) ID of the MQTT ingress identity.')
output ingressPrincipalId string = ingressIdentity.properties.principalId

@description('Client ID of the MQTT ingress identity.')
output ingressClientId string = ingressIdentity.properties.clientId

@description('Principal (object) ID of the processor identity.')
output processorPrincipalId string = processorIdentity.properties.principalId

@description('Client ID of the processor identity.')
output processorClientId string = processorIdentity.properties.clientId
