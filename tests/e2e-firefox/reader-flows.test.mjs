// The shared reader scenarios (tests/support/scenarios.mjs) in Firefox ESR, with the Firefox build.
import { readerSuite } from '../support/driver/suite.mjs';
import { launchFirefox } from '../support/driver/firefox.mjs';

readerSuite(launchFirefox);
