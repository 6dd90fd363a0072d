// The cross-engine suite (suite.mjs) in Firefox ESR (Gecko), through WebDriver.
import { engineSuite } from './suite.mjs';

engineSuite('firefox');
