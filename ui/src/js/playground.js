// GraphiQL (from npm, served by this server) against POST /graphql.
/* global React, ReactDOM, GraphiQL */
const fetcher = GraphiQL.createFetcher({ url: `${location.origin}/graphql` });
const defaultQuery = `# Worb speaks W&B's GraphQL API. Ctrl+Enter runs the query.
query Projects {
  viewer { entity }
  models(entityName: "worb", first: 10) {
    edges { node { name runCount } }
  }
}
`;
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: false }));
