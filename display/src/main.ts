import { mount } from 'svelte';
import './board.css';
import App from './App.svelte';
import { useVietnameseZodMessages } from '@core/zod-vietnamese.ts';

useVietnameseZodMessages();

mount(App, { target: document.getElementById('app')! });
