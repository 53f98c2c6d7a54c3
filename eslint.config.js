import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'src/**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // One door to Fabric: outside the client, calls are typed methods, never a hand-built path.
    files: ['src/**/*.ts'],
    ignores: ['src/fabric/**', 'src/simulator/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(send|listAll|paginate|beginLro|lro)$/]",
          message:
            'call a typed FabricClient method (src/fabric/client.ts), or from a deploy step a FabricOps one; no raw paths outside src/fabric',
        },
      ],
    },
  },
  {
    // The simulator parses and answers arbitrary request bodies the way a service does; the tests poke
    // at such bodies too (until they are typed).
    files: ['src/simulator/**', '__tests__/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The core reaches its host only through the Host interface (hosts/host.ts); the adapters are picked
    // by entry.ts and cli.ts, and no host SDK is imported outside its adapter.
    files: ['src/**/*.ts'],
    // src/docs generates the reference pages from the catalog and the task metadata: never bundled.
    ignores: ['src/hosts/**', 'src/entry.ts', 'src/cli.ts', 'src/docs/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)hosts/(?!host$)',
              message: 'The core imports only the Host interface from hosts/ (hosts/host).',
            },
            {
              group: ['@actions/*', 'azure-pipelines-task-lib', 'azure-pipelines-task-lib/*'],
              message: 'Host SDKs belong in their adapter under src/hosts.',
            },
          ],
        },
      ],
    },
  },
  {
    // CommonJS modules the bundler resolves in place of a dependency's entry (scripts/bundle/*.cjs).
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', exports: 'writable', module: 'writable' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
