/**
 * The messages both AssemblyLine modules give about their settings and the
 * login, verbatim from upstream (assemblyline_query.py, assemblyline_submit.py).
 */
export const ASSEMBLYLINE_SETTING_TEMPLATES = {
  missingConfig: 'Missing configuration.',
  noUrl: 'No AssemblyLine server address provided.',
  noUser: 'Please provide your AssemblyLine User ID.',
  noCredential: 'Please provide your AssemblyLine API key or Password.',
  loginFailed: '{reasons}',
} as const;
