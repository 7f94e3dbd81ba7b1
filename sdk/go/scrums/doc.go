// The organization layer of the Scrums platform: organizations, workspaces, their members, domains and integrations.
package scrums
