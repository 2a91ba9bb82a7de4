import { mount } from 'svelte';
import App from './App.svelte';
import './manager.css';

mount(App, { target: document.getElementById('app')! });
