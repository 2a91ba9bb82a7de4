import { mount } from 'svelte';
import App from './App.svelte';
import './province.css';

mount(App, { target: document.getElementById('app')! });
