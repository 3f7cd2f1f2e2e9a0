#!/usr/bin/env bash
# Generates the demo realms (committed next to this script):
#   pulse-realm.json  realm "pulse": a mid-sized manufacturer, departments as a Keycloak group tree
#   other-realm.json  realm "other": a foreign realm, to prove tokens of another realm are refused
# Placeholders ${SURVEY_DIRECTORY_SECRET} and ${GATEWAY_PORT} stay in the JSON; keycloak.sh fills
# them from stack.env when it copies the realms into Keycloak's data/import.
# Rerun after changing this script; keycloak.sh notices the changed realm and re-imports it.
set -euo pipefail

usage() { echo "usage: $0 [output-dir]   (default: the directory of this script)" >&2; exit 2; }
[[ $# -le 1 ]] || usage
[[ ${1:-} != -h && ${1:-} != --help ]] || usage
OUT=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
command -v jq >/dev/null || { echo "jq is required (apt-get install jq)" >&2; exit 1; }

# Leaf or parent unit -> number of employees placed directly in it (emp001.. in this order).
# Sizes are realistic for a ~120-person plant; hr (3) is deliberately below k=5 so the
# "merge small units into their parent" rule is exercised by the demo data.
UNITS=(
  "/production:6"
  "/production/assembly:42"
  "/production/maintenance:15"
  "/production/quality:12"
  "/logistics:20"
  "/it:10"
  "/administration:4"
  "/administration/hr:3"
  "/administration/finance:8"
)
# One person in two units (works in finance and in an IT project), to exercise the multi-group rule.
SECOND_GROUP_USER=emp120
SECOND_GROUP=/it

FIRST_NAMES=(Anna Ben Clara David Elif Felix Greta Hannes Ida Jonas Katrin Lukas Mia Niklas Olga Paul
  Rosa Stefan Tanja Umut Vera Wolfgang Yasmin Zoran Lena Mehmet Sabine Tobias Jana Piotr Ines Karl)
LAST_NAMES=(Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter
  Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner
  Krause Meier Lehmann Yilmaz Kowalski Nowak)

# employees as JSON lines: {"username","group"}
employees() {
  local n=1 spec path count i
  for spec in "${UNITS[@]}"; do
    path=${spec%%:*}
    count=${spec##*:}
    for ((i = 0; i < count; i++)); do
      printf '{"username":"emp%03d","group":"%s","first":"%s","last":"%s"}\n' "$n" "$path" \
        "${FIRST_NAMES[$(((n * 7) % ${#FIRST_NAMES[@]}))]}" "${LAST_NAMES[$(((n * 11) % ${#LAST_NAMES[@]}))]}"
      n=$((n + 1))
    done
  done
}

EMPLOYEES=$(employees | jq -s .)

jq -n \
  --argjson employees "$EMPLOYEES" \
  --arg secondUser "$SECOND_GROUP_USER" --arg secondGroup "$SECOND_GROUP" '
  def user($u; $first; $last; $groups; $roles; $attrs):
    { username: $u, enabled: true, emailVerified: true,
      firstName: $first, lastName: $last, email: "\($u)@pulse.example",
      # password = user name; demo only
      credentials: [{ type: "password", value: $u, temporary: false }],
      # imported users do not get the default roles automatically, so they are listed
      realmRoles: (["default-roles-pulse"] + $roles),
      groups: $groups, attributes: $attrs };

  # Claims every Pulse API call relies on; attached to each client users log in with.
  def pulse_api_mappers: [
    { name: "groups", protocol: "openid-connect", protocolMapper: "oidc-group-membership-mapper",
      consentRequired: false,
      config: { "claim.name": "groups", "full.path": "true",
                "id.token.claim": "true", "access.token.claim": "true",
                "userinfo.token.claim": "true", "introspection.token.claim": "true" } },
    { name: "manages", protocol: "openid-connect", protocolMapper: "oidc-usermodel-attribute-mapper",
      consentRequired: false,
      config: { "user.attribute": "manages", "claim.name": "manages", "jsonType.label": "String",
                "multivalued": "true", "aggregate.attrs": "false",
                "id.token.claim": "true", "access.token.claim": "true",
                "userinfo.token.claim": "true", "introspection.token.claim": "true" } },
    { name: "audience pulse-api", protocol: "openid-connect", protocolMapper: "oidc-audience-mapper",
      consentRequired: false,
      config: { "included.custom.audience": "pulse-api",
                "id.token.claim": "false", "access.token.claim": "true",
                "introspection.token.claim": "true" } }
  ];

  def gateway_urls: ["http://127.0.0.1:${GATEWAY_PORT}", "http://localhost:${GATEWAY_PORT}"];

  # Declarative user profile: Keycloak defaults plus "manages" (unit paths a manager may see).
  def user_profile: {
    attributes: [
      { name: "username", displayName: "${username}",
        permissions: { view: ["admin","user"], edit: ["admin","user"] },
        validations: { length: { min: 3, max: 255 }, "username-prohibited-characters": {}, "up-username-not-idn-homograph": {} } },
      { name: "email", displayName: "${email}", required: { roles: ["user"] },
        permissions: { view: ["admin","user"], edit: ["admin","user"] },
        validations: { email: {}, length: { max: 255 } } },
      { name: "firstName", displayName: "${firstName}", required: { roles: ["user"] },
        permissions: { view: ["admin","user"], edit: ["admin","user"] },
        validations: { length: { max: 255 }, "person-name-prohibited-characters": {} } },
      { name: "lastName", displayName: "${lastName}", required: { roles: ["user"] },
        permissions: { view: ["admin","user"], edit: ["admin","user"] },
        validations: { length: { max: 255 }, "person-name-prohibited-characters": {} } },
      { name: "manages", displayName: "Manages (unit paths)", multivalued: true,
        permissions: { view: ["admin"], edit: ["admin"] }, validations: {} }
    ],
    groups: [ { name: "user-metadata", displayHeader: "User metadata",
                displayDescription: "Attributes, which refer to user metadata" } ]
  };

  {
    realm: "pulse",
    displayName: "Pulse demo (manufacturer)",
    enabled: true,
    sslRequired: "external",
    registrationAllowed: false,
    loginWithEmailAllowed: true,
    accessTokenLifespan: 900,
    # Demo realm: a cheap password hash instead of the default Argon2 (~0.2 s per hash on 2 cores),
    # so importing 120+ users and the end-to-end logins stay fast. Never copy into a production realm.
    passwordPolicy: "hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)",
    roles: {
      realm: [
        { name: "employee", description: "Answers pulse surveys" },
        { name: "hr", description: "Manages campaigns, sees all results" },
        { name: "manager", description: "Sees results of the units listed in the manages attribute" },
        { name: "default-roles-pulse", description: "Roles every user gets", composite: true,
          composites: { realm: ["employee", "offline_access", "uma_authorization"] } },
        { name: "offline_access", description: "${role_offline-access}" },
        { name: "uma_authorization", description: "${role_uma_authorization}" }
      ]
    },
    defaultRole: { name: "default-roles-pulse", composite: true },
    groups: [
      { name: "production", path: "/production",
        subGroups: [ { name: "assembly", path: "/production/assembly" },
                     { name: "maintenance", path: "/production/maintenance" },
                     { name: "quality", path: "/production/quality" } ] },
      { name: "logistics", path: "/logistics" },
      { name: "it", path: "/it" },
      { name: "administration", path: "/administration",
        subGroups: [ { name: "hr", path: "/administration/hr" },
                     { name: "finance", path: "/administration/finance" } ] }
    ],
    users: (
      [ $employees[] | user(.username; .first; .last;
          ([.group] + (if .username == $secondUser then [$secondGroup] else [] end)); []; {}) ]
      + [ user("hr"; "Helga"; "Roth"; ["/administration/hr"]; ["hr"]; {}),
          user("manager"; "Martin"; "Vogel"; ["/production"]; ["manager"]; { manages: ["/production"] }),
          { username: "service-account-pulse-survey", enabled: true,
            serviceAccountClientId: "pulse-survey",
            realmRoles: ["default-roles-pulse"],
            # read-only directory access: survey-service syncs the group tree and memberships
            clientRoles: { "realm-management": ["view-users", "query-users", "query-groups"] } } ]
    ),
    clients: [
      { clientId: "pulse-web", name: "Pulse web app (gateway, code flow + PKCE)", enabled: true,
        publicClient: true, protocol: "openid-connect",
        standardFlowEnabled: true, implicitFlowEnabled: false,
        directAccessGrantsEnabled: false, serviceAccountsEnabled: false,
        redirectUris: [ gateway_urls[] + "/*" ],
        webOrigins: gateway_urls,
        attributes: { "pkce.code.challenge.method": "S256",
                      "post.logout.redirect.uris": ([ gateway_urls[] + "/*" ] | join("##")) },
        protocolMappers: pulse_api_mappers },
      { clientId: "pulse-cli", name: "Pulse scripts and tests (password grant)", enabled: true,
        publicClient: true, protocol: "openid-connect",
        standardFlowEnabled: false, implicitFlowEnabled: false,
        directAccessGrantsEnabled: true, serviceAccountsEnabled: false,
        protocolMappers: pulse_api_mappers },
      { clientId: "pulse-survey", name: "survey-service directory sync (service account)", enabled: true,
        publicClient: false, clientAuthenticatorType: "client-secret",
        secret: "${SURVEY_DIRECTORY_SECRET}", protocol: "openid-connect",
        standardFlowEnabled: false, implicitFlowEnabled: false,
        directAccessGrantsEnabled: false, serviceAccountsEnabled: true }
    ],
    components: {
      "org.keycloak.userprofile.UserProfileProvider": [
        { providerId: "declarative-user-profile", subComponents: {},
          config: { "kc.user.profile.config": [ user_profile | tojson ] } }
      ]
    }
  }' >"$OUT/pulse-realm.json"

jq -n '{
  realm: "other",
  displayName: "Another organisation (for authorization tests)",
  enabled: true,
  sslRequired: "external",
  accessTokenLifespan: 900,
  passwordPolicy: "hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)",
  users: [
    { username: "intruder", enabled: true, emailVerified: true,
      firstName: "Ivo", lastName: "Intruder", email: "intruder@other.example",
      credentials: [{ type: "password", value: "intruder", temporary: false }],
      realmRoles: ["default-roles-other"] }
  ],
  clients: [
    { clientId: "other-cli", enabled: true, publicClient: true, protocol: "openid-connect",
      standardFlowEnabled: false, directAccessGrantsEnabled: true }
  ]
}' >"$OUT/other-realm.json"

echo "wrote $OUT/pulse-realm.json ($(jq '.users | length' "$OUT/pulse-realm.json") users) and $OUT/other-realm.json" >&2
